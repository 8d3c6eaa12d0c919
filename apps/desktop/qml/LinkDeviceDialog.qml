// "Link another device": a one-time code for the new device, as text and as
// a QR code. The code opens the account while it is valid, so it exists
// only while this dialog is open (TrustController.clearLinkingCode).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    title: qsTr("Link another device")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 520, 520)
    onOpened: app.trust.startLinking()
    onClosed: app.trust.clearLinkingCode()

    footer: DialogButtonBox {
        Button {
            objectName: "linkClose"
            text: qsTr("Close")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            text: qsTr("On the new device, choose \"Link this computer\" and scan or type this code.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Whoever has this code can join your account while it is valid. Show it only to your own device, and close this window when you are done.")
            wrapMode: Text.Wrap
            color: "#444444"
            Layout.fillWidth: true
        }
        BusyIndicator {
            running: app.trust.linkingBusy
            visible: running
            Accessible.name: qsTr("Making a code")
            Layout.alignment: Qt.AlignHCenter
        }
        Label {
            visible: app.trust.error !== "" && app.trust.linkingCode === ""
            text: app.trust.error
            wrapMode: Text.Wrap
            color: "#b00020"
            Layout.fillWidth: true
        }
        Image {
            objectName: "linkingQr"
            visible: app.trust.linkingCode !== ""
            source: app.trust.linkingQr
            // Never kept in Qt's image cache: the code is a secret.
            cache: false
            smooth: false
            fillMode: Image.PreserveAspectFit
            sourceSize.width: 240
            sourceSize.height: 240
            Layout.preferredWidth: 240
            Layout.preferredHeight: 240
            Layout.alignment: Qt.AlignHCenter
            Accessible.name: qsTr("The linking code as a QR code")
        }
        TextArea {
            objectName: "linkingCodeText"
            visible: app.trust.linkingCode !== ""
            text: app.trust.linkingCode
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.WrapAnywhere
            font.family: "monospace"
            Accessible.name: qsTr("The linking code")
            Layout.fillWidth: true
        }
    }
}
