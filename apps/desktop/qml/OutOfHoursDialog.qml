// Before a first message goes out outside opening hours: the
// organisation's own notice, when it opens again (in its time zone), and a
// choice to send anyway or not now. Nothing is sent until "Send anyway"
// (app.orgs.outOfHours, confirmOutOfHours).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: dialog
    readonly property var info: app.orgs.outOfHours
    title: qsTr("%1 is closed now").arg(info.name || "")
    modal: true
    closePolicy: Popup.CloseOnEscape
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 480, 480)
    onRejected: app.orgs.cancelOutOfHours()

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            objectName: "outOfHoursNotice"
            text: info.notice ? info.notice : qsTr("The organisation is closed now.")
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "outOfHoursOpens"
            visible: (info.opensAt || 0) > 0
            text: (app.languages.current, visible
                   ? qsTr("It opens again at %1.").arg(app.orgs.formatTime(info.orgId, info.opensAt)) : "")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Your message will wait, and a helper answers when they can. If you need help right now, use the Safety button.")
            wrapMode: Text.Wrap
            color: "#444444"
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            Button {
                objectName: "outOfHoursCancel"
                text: qsTr("Not now")
                Accessible.name: qsTr("Do not send now")
                onClicked: dialog.reject()
            }
            Button {
                objectName: "outOfHoursSend"
                text: qsTr("Send anyway")
                Accessible.name: qsTr("Send the message anyway")
                onClicked: {
                    dialog.close()
                    app.orgs.confirmOutOfHours()
                }
            }
        }
    }
}
