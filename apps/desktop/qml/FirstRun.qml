// First run: a new anonymous account, or this computer linked to an account
// on another device. Either way the store gets a passphrase, typed twice.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs

Page {
    objectName: "firstRunScreen"

    // The chosen way is the filled one (Basic's tab colours read the other
    // way round); a focus frame for the keyboard.
    component ModeButton: TabButton {
        id: modeButton
        Accessible.name: text
        contentItem: Text {
            text: modeButton.text
            font: modeButton.font
            color: modeButton.checked ? "#ffffff" : "#111111"
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
        background: Rectangle {
            implicitHeight: 40
            color: modeButton.checked ? "#1d4e89" : "#e4e8ee"
            border.color: modeButton.visualFocus ? "#111111" : "transparent"
            border.width: 2
        }
    }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 480)
        spacing: 12

        Label {
            objectName: "firstRunTitle"
            text: qsTr("Welcome to Kollega")
            font.pointSize: Qt.application.font.pointSize * 2
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Talk in confidence with a trained colleague. No name, no phone number, no e-mail: your account is a random number made on this computer.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        TabBar {
            id: mode
            Layout.fillWidth: true
            ModeButton {
                objectName: "newAccountTab"
                text: qsTr("New account")
            }
            ModeButton {
                objectName: "linkTab"
                text: qsTr("Link this computer")
            }
        }
        Label {
            text: qsTr("Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.")
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
        }
        TextField {
            id: repeat
            objectName: "repeatField"
            echoMode: TextInput.Password
            placeholderText: qsTr("The same passphrase again")
            Accessible.name: qsTr("The same passphrase again")
            Layout.fillWidth: true
        }
        RowLayout {
            visible: mode.currentIndex === 1
            Layout.fillWidth: true
            TextField {
                id: code
                objectName: "codeField"
                placeholderText: qsTr("The code shown on your other device")
                Accessible.name: qsTr("The code shown on your other device")
                Layout.fillWidth: true
                Connections {
                    target: app
                    function onLinkCodeRead(read) { code.text = read }
                }
            }
            Button {
                objectName: "codeFromImageButton"
                text: qsTr("From a picture of the QR code …")
                Accessible.name: text
                enabled: !app.busy
                onClicked: codeImageDialog.open()
            }
        }
        Button {
            objectName: "firstRunButton"
            text: mode.currentIndex === 0 ? qsTr("Create my account") : qsTr("Link this computer")
            Accessible.name: text
            enabled: !app.busy
            highlighted: true
            onClicked: {
                if (mode.currentIndex === 0)
                    app.createAccount(passphrase.text, repeat.text)
                else
                    app.linkDevice(passphrase.text, repeat.text, code.text)
                passphrase.text = ""
                repeat.text = ""
            }
        }
        RowLayout {
            visible: app.busy
            BusyIndicator {
                running: app.busy
                Accessible.name: qsTr("Working")
            }
            ColumnLayout {
                Label {
                    text: qsTr("Setting up your account. This can take a minute.")
                    wrapMode: Text.Wrap
                }
                ProgressBar {
                    value: app.signUpProgress
                    Accessible.name: qsTr("Progress")
                    Layout.fillWidth: true
                }
            }
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

    FileDialog {
        id: codeImageDialog
        title: qsTr("A picture of the QR code on your other device")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.bmp *.gif)")]
        onAccepted: app.readLinkCodeFromImage(selectedFile)
    }
}
