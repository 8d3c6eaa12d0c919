// The window: a tool bar with the Safety button on every screen, and one
// screen at a time chosen by the controller's state (docs/desktop.md).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kollega 1.0

ApplicationWindow {
    id: window
    width: 900
    height: 640
    visible: true
    title: qsTr("Kollega")

    // Set by the screenshot renderer to show one screen whatever the state.
    property string previewScreen: ""
    // Within the ready state: "Conversations", "Chat" or "Settings".
    property string page: "Conversations"
    readonly property string screen: previewScreen !== "" ? previewScreen
        : app.state === AppController.FirstRun ? "FirstRun"
        : app.state === AppController.Locked ? "Unlock" : page

    function openChat(peer) {
        app.conversations.markSeen(peer)
        app.messages.open(peer)
        page = "Chat"
    }
    function showConversations() {
        app.messages.close()
        page = "Conversations"
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            Label {
                text: qsTr("Kollega")
                font.bold: true
                font.pointSize: 13
                Layout.fillWidth: true
            }
            Label {
                objectName: "onlineMark"
                visible: app.state === AppController.Ready
                text: app.online ? qsTr("Connected") : qsTr("Offline: messages wait and go out later")
            }
            ToolButton {
                objectName: "settingsButton"
                visible: app.state === AppController.Ready && window.screen !== "Settings"
                text: qsTr("Settings")
                Accessible.name: text
                onClicked: window.page = "Settings"
            }
            SafetyButton {
                objectName: "safetyButton"
                onClicked: {
                    app.refreshSafetyContacts()
                    safetyDialog.open()
                }
            }
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.fill: parent
        source: window.screen + ".qml"
    }

    SafetyDialog {
        id: safetyDialog
        objectName: "safetyDialog"
    }
}
