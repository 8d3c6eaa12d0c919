// This account's devices (name, when linked, when last seen, which one is
// this computer), unlinking one after a confirmation, and linking another
// device with a one-time code shown as text and as a QR code
// (docs/desktop.md "Devices and trust").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "devicesScreen"

    Component.onCompleted: app.trust.refreshDevices()

    function dateText(when) {
        return (app.languages.current, when.toLocaleString(Qt.locale(), Locale.ShortFormat))
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        Label {
            objectName: "devicesTitle"
            text: qsTr("Devices")
            font.pointSize: Qt.application.font.pointSize * 1.8
        }
        Label {
            text: qsTr("The computers and phones that use your account. Unlink one you no longer use or do not recognise.")
            wrapMode: Text.Wrap
            color: "#444444"
            Layout.fillWidth: true
        }
        Label {
            objectName: "unlinkedNotice"
            visible: app.trust.thisDeviceUnlinked
            text: qsTr("This computer is no longer linked to your account. It cannot send or receive messages any more.")
            wrapMode: Text.Wrap
            color: "#b00020"
            font.bold: true
            Layout.fillWidth: true
        }
        Label {
            objectName: "devicesError"
            visible: text !== ""
            text: app.trust.error
            wrapMode: Text.Wrap
            color: "#b00020"
            Layout.fillWidth: true
        }
        ListView {
            id: list
            objectName: "devicesList"
            model: app.trust.devices
            clip: true
            spacing: 4
            keyNavigationEnabled: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: Rectangle {
                width: ListView.view.width
                height: row.implicitHeight + 16
                color: thisDevice ? "#eef1f5" : "#ffffff"
                radius: 6
                border.color: "#d0d5dd"
                RowLayout {
                    id: row
                    anchors.fill: parent
                    anchors.margins: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            text: thisDevice ? qsTr("%1 (this computer)").arg(name) : name
                            font.bold: true
                            color: "#111111"
                        }
                        Label {
                            text: isNaN(linked) ? "" : qsTr("Linked %1").arg(dateText(linked))
                            visible: text !== ""
                            color: "#444444"
                        }
                        Label {
                            text: isNaN(lastSeen) ? qsTr("Not seen yet")
                                                  : qsTr("Last seen %1").arg(dateText(lastSeen))
                            color: "#444444"
                        }
                    }
                    // A layout only grows as far as its children let it.
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "unlinkButton" + deviceId
                        text: qsTr("Unlink")
                        Accessible.name: qsTr("Unlink %1").arg(name)
                        onClicked: unlinkDialog.ask(deviceId, name, thisDevice)
                    }
                }
            }
        }
        Button {
            objectName: "linkDeviceButton"
            text: qsTr("Link another device")
            Accessible.name: text
            enabled: app.online
            onClicked: linkDialog.open()
        }
    }

    Dialog {
        id: unlinkDialog
        objectName: "unlinkDialog"
        property int deviceId: 0
        property string deviceName: ""
        property bool thisDevice: false
        function ask(id, name, self) {
            deviceId = id
            deviceName = name
            thisDevice = self
            open()
        }
        title: thisDevice ? qsTr("Unlink this computer?") : qsTr("Unlink %1?").arg(deviceName)
        modal: true
        anchors.centerIn: Overlay.overlay
        width: Math.min(parent ? parent.width - 48 : 480, 480)
        Label {
            objectName: "unlinkExplanation"
            width: parent.width
            wrapMode: Text.Wrap
            text: unlinkDialog.thisDevice
                  ? qsTr("This computer can no longer connect to Kollega, and what it shows now stays only here. To use Kollega here again, you would need to link it again from another device of yours.")
                  : qsTr("%1 can no longer send or receive messages for your account. What is stored on it stays there until it is removed on that device.").arg(unlinkDialog.deviceName)
        }
        footer: DialogButtonBox {
            Button {
                objectName: "unlinkConfirm"
                text: qsTr("Unlink")
                Accessible.name: text
                DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
            }
            Button {
                text: qsTr("Cancel")
                Accessible.name: text
                DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
            }
        }
        onAccepted: app.trust.unlinkDevice(deviceId)
    }

    LinkDeviceDialog {
        id: linkDialog
        objectName: "linkDeviceDialog"
    }
}
