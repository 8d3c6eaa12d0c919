// Language, idle lock, locking now, and this account's number to give to
// someone who wants to write here. The language and the minutes are kept
// between runs (settings_store.h).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "settingsScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12

        RowLayout {
            Button {
                text: qsTr("Back")
                Accessible.name: qsTr("Back to the conversations")
                onClicked: window.showConversations()
            }
            Label {
                objectName: "settingsTitle"
                text: qsTr("Settings")
                font.pointSize: Qt.application.font.pointSize * 1.8
            }
        }
        Label { text: qsTr("Language") }
        ComboBox {
            id: language
            objectName: "languageBox"
            model: app.languages.codes
            currentIndex: app.languages.codes.indexOf(app.languages.current)
            displayText: app.languages.nativeName(currentValue)
            delegate: ItemDelegate {
                required property string modelData
                width: language.width
                text: app.languages.nativeName(modelData)
            }
            Accessible.name: qsTr("Language")
            // Kept for the next start (AppController.chooseLanguage).
            onActivated: (index) => app.chooseLanguage(app.languages.codes[index])
        }
        Label { text: qsTr("Lock Kollega after this many minutes without use (0: never)") }
        SpinBox {
            objectName: "idleLockBox"
            from: 0
            to: 240
            value: app.idleLockMinutes
            editable: true
            Accessible.name: qsTr("Minutes before Kollega locks itself")
            onValueModified: app.idleLockMinutes = value
        }
        Button {
            objectName: "lockButton"
            text: qsTr("Lock now")
            Accessible.name: text
            onClicked: app.lock()
        }
        Label { text: qsTr("Your account number, for someone who wants to write to you:") }
        TextField {
            text: app.accountId
            readOnly: true
            selectByMouse: true
            font.family: "monospace"
            Accessible.name: qsTr("Your account number")
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
