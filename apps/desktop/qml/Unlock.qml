// Later starts, and after the idle lock: the passphrase opens the store.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "unlockScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        spacing: 12

        Label {
            objectName: "unlockTitle"
            text: qsTr("Kollega is locked")
            font.pointSize: Qt.application.font.pointSize * 2
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }
        Label {
            text: qsTr("Type your passphrase to open your conversations.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TextField {
            id: passphrase
            objectName: "passphraseField"
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
            Accessible.name: qsTr("Passphrase")
            Layout.fillWidth: true
            focus: true
            enabled: !app.busy
            onAccepted: unlockButton.clicked()
        }
        Button {
            id: unlockButton
            objectName: "unlockButton"
            text: qsTr("Unlock")
            Accessible.name: text
            highlighted: true
            enabled: !app.busy
            onClicked: {
                app.unlock(passphrase.text)
                passphrase.text = ""
            }
        }
        BusyIndicator {
            running: app.busy
            visible: app.busy
            Accessible.name: qsTr("Working")
        }
        Label {
            objectName: "errorLabel"
            text: app.error
            visible: text !== ""
            color: "#b00020"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
    }
}
