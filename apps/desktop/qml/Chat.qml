// One conversation: its messages with their marks (waiting, sent, delivered,
// read) and a box to write in. Older messages load when the view reaches
// the top (MessagesModel is lazy). "Verify safety number" shows the number
// to compare; while the contact's safety number changed and is not
// accepted, sending is disabled and the reason shown.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kollega 1.0

Page {
    objectName: "chatScreen"

    // The contact's safety number changed and is not accepted yet: nothing
    // is sent until it is (IdentityChangeDialog, TrustController).
    readonly property bool identityBlocked: app.trust.changedPeers.indexOf(app.messages.peer) >= 0

    function markText(status) {
        switch (status) {
        case MessagesModel.Queued: return qsTr("Waiting to send")
        case MessagesModel.Sent: return qsTr("Sent")
        case MessagesModel.Delivered: return qsTr("Delivered")
        case MessagesModel.Read: return qsTr("Read")
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

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        RowLayout {
            Button {
                objectName: "backButton"
                text: qsTr("Back")
                Accessible.name: qsTr("Back to the conversations")
                onClicked: window.showConversations()
            }
            Label {
                text: qsTr("Conversation %1").arg(app.messages.peer.substring(0, 8))
                font.pointSize: Qt.application.font.pointSize * 1.4
                Layout.fillWidth: true
            }
            Button {
                objectName: "verifySafetyButton"
                text: qsTr("Verify safety number")
                Accessible.name: text
                onClicked: safetyNumberDialog.openFor(app.messages.peer)
            }
        }
        ListView {
            id: list
            objectName: "messagesList"
            model: app.messages
            clip: true
            spacing: 6
            Layout.fillWidth: true
            Layout.fillHeight: true
            // At either end the next page loads (MessagesModel is lazy); a
            // page added keeps the rows on screen in place.
            function loadAtEdges() {
                if (atYBeginning && app.messages.canLoadMore) app.messages.loadMore()
                else if (atYEnd && app.messages.canLoadNewer) app.messages.loadNewer()
            }
            onContentYChanged: loadAtEdges()
            Component.onCompleted: positionViewAtEnd()
            Connections {
                target: app.messages
                function onNewestShown() { list.positionViewAtEnd() }
                function onOlderLoaded(row) { list.positionViewAtIndex(row, ListView.Beginning) }
                function onNewerLoaded(row) { list.positionViewAtIndex(row, ListView.End) }
            }
            delegate: Item {
                width: ListView.view.width
                height: bubble.height
                Rectangle {
                    id: bubble
                    anchors.right: outgoing ? parent.right : undefined
                    anchors.left: outgoing ? undefined : parent.left
                    width: Math.min(body.implicitWidth, list.width * 0.7) + 24
                    height: body.height + mark.height + 16
                    radius: 8
                    color: outgoing ? "#dbe7f5" : "#eeeeee"
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text + (outgoing ? ". " + markText(status) : "")
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
                        id: mark
                        anchors.right: parent.right
                        anchors.rightMargin: 12
                        anchors.top: body.bottom
                        text: (app.languages.current,
                               time.toLocaleTimeString(Qt.locale(), Locale.ShortFormat))
                              + (outgoing ? "  " + markSymbol(status) + " " + markText(status) : "")
                        color: status === MessagesModel.Read ? "#1d4e89" : "#444444"
                        font.pointSize: Qt.application.font.pointSize * 0.85
                    }
                }
            }
        }
        Label {
            id: sendError
            objectName: "sendError"
            visible: false
            text: qsTr("The message could not be saved. Please try again.")
            color: "#b00020"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Connections {
                target: app.messages
                function onSendFailed() { sendError.visible = true }
                function onPeerChanged() { sendError.visible = false }
            }
        }
        RowLayout {
            objectName: "identityBlockedNotice"
            visible: identityBlocked
            Layout.fillWidth: true
            Label {
                text: qsTr("The safety number with this contact changed. Sending is paused until you accept the new one.")
                wrapMode: Text.Wrap
                color: "#b00020"
                font.bold: true
                Layout.fillWidth: true
            }
            Button {
                objectName: "reviewIdentityButton"
                text: qsTr("Review")
                Accessible.name: qsTr("Review the changed safety number")
                onClicked: identityChangeDialog.openFor(app.messages.peer)
            }
        }
        RowLayout {
            Layout.fillWidth: true
            TextArea {
                id: input
                objectName: "messageInput"
                placeholderText: qsTr("Write a message")
                Accessible.name: qsTr("Write a message")
                wrapMode: TextEdit.Wrap
                focus: true
                Layout.fillWidth: true
                Keys.onReturnPressed: (event) => {
                    if (event.modifiers & Qt.ShiftModifier) event.accepted = false
                    else if (sendButton.enabled) sendButton.clicked()
                }
            }
            Button {
                id: sendButton
                objectName: "sendButton"
                text: qsTr("Send")
                Accessible.name: text
                highlighted: true
                enabled: !identityBlocked && input.text.trim() !== ""
                onClicked: {
                    if (!enabled) return
                    app.messages.send(input.text)
                    input.text = ""
                }
            }
        }
    }

    SafetyNumberDialog {
        id: safetyNumberDialog
        objectName: "safetyNumberDialog"
    }
}
