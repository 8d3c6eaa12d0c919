// A case's entries in CaseChat: messages as bubbles, a referral as the
// resource card (label, phone, hours, description), notices the client
// noted (a handover's passed-on words) as plain lines. The seeker's or
// helper's own texts carry the plain chat's delivery and read marks, in
// the chat's words (translated once, in the Chat context).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kollega 1.0

ListView {
    id: list
    objectName: "caseEntriesList"
    property string orgId: ""
    model: app.cases.entries
    clip: true
    spacing: 6
    onCountChanged: positionViewAtEnd()

    function hasMark(outgoing, status) {
        return outgoing && status >= MessagesModel.Queued && status <= MessagesModel.Read
    }
    function markText(status) {
        switch (status) {
        case MessagesModel.Queued: return qsTranslate("Chat", "Waiting to send")
        case MessagesModel.Sent: return qsTranslate("Chat", "Sent")
        case MessagesModel.Delivered: return qsTranslate("Chat", "Delivered")
        case MessagesModel.Read: return qsTranslate("Chat", "Read")
        default: return ""
        }
    }
    function markSymbol(status) {
        switch (status) {
        case MessagesModel.Queued: return "\u25F7"
        case MessagesModel.Sent: return "\u2713"
        case MessagesModel.Delivered: return "\u2713\u2713"
        case MessagesModel.Read: return "\u2713\u2713"
        default: return ""
        }
    }
    delegate: Item {
        width: ListView.view.width
        height: kind === CaseEntriesModel.Notice ? noticeLabel.height + 8
              : kind === CaseEntriesModel.Referral ? card.height : bubble.height

        Label {
            id: noticeLabel
            visible: kind === CaseEntriesModel.Notice
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: model.text
            font.italic: true
            color: "#444444"
            wrapMode: Text.Wrap
        }

        Rectangle {
            id: card
            objectName: "referralCard"
            visible: kind === CaseEntriesModel.Referral
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(list.width * 0.8, 420)
            height: cardColumn.implicitHeight + 20
            radius: 8
            color: "#f3f7ee"
            border.color: "#4d7c0f"
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("Resource card: %1").arg(cardLabel) + " " + cardPhone
            ColumnLayout {
                id: cardColumn
                x: 12
                y: 10
                width: parent.width - 24
                spacing: 2
                Label {
                    text: outgoing ? qsTr("You shared a resource card") : qsTr("Your helper shared a resource card")
                    color: "#444444"
                    font.pointSize: Qt.application.font.pointSize * 0.85
                }
                Label { text: cardLabel; font.bold: true; color: "#111111"; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Label { visible: cardPhone !== ""; text: cardPhone; color: "#111111" }
                Label { visible: cardEmail !== ""; text: cardEmail; color: "#111111" }
                Label { visible: cardHours !== ""; text: qsTr("Hours: %1").arg(cardHours); color: "#444444" }
                Label {
                    visible: cardDescription !== ""
                    text: cardDescription
                    color: "#111111"
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
        }

        Rectangle {
            id: bubble
            visible: kind === CaseEntriesModel.Message
            anchors.right: outgoing ? parent.right : undefined
            anchors.left: outgoing ? undefined : parent.left
            width: Math.min(body.implicitWidth, list.width * 0.7) + 24
            height: body.height + stamp.height + 16
            radius: 8
            color: outgoing ? "#dbe7f5" : "#eeeeee"
            Accessible.role: Accessible.StaticText
            Accessible.name: model.text
                             + (list.hasMark(outgoing, status) ? ". " + list.markText(status) : "")
            Label {
                id: body
                x: 12
                y: 8
                width: Math.min(implicitWidth, list.width * 0.7)
                text: model.text
                wrapMode: Text.Wrap
                color: "#111111"
            }
            Label {
                id: stamp
                anchors.right: parent.right
                anchors.rightMargin: 12
                anchors.top: body.bottom
                text: (app.languages.current, app.orgs.formatTime(list.orgId, at))
                      + (list.hasMark(outgoing, status)
                         ? "  " + list.markSymbol(status) + " " + list.markText(status) : "")
                color: status === MessagesModel.Read && outgoing ? "#1d4e89" : "#444444"
                font.pointSize: Qt.application.font.pointSize * 0.85
            }
        }
    }
}
