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
    // Basic's placeholder grey is under 4.5:1 on white (tests/desktop/a11y_test.cpp).
    palette.placeholderText: "#595959"

    // Set by the screenshot renderer to show one screen whatever the state.
    property string previewScreen: ""
    // Within the ready state: "Conversations", "Chat", "Organisations"
    // (find a helper), "Cases", "CaseChat", "Devices" or "Settings".
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
    // One case's conversation (CaseChat.qml, app.cases).
    function openCase(caseId) {
        app.cases.open(caseId)
        page = "CaseChat"
    }
    function showPage(name) {
        if (page === "Chat") app.messages.close()
        page = name
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 8
            Label {
                text: qsTr("Kollega")
                font.bold: true
                font.pointSize: Qt.application.font.pointSize * 1.3
                Layout.fillWidth: true
            }
            Label {
                objectName: "onlineMark"
                visible: app.state === AppController.Ready
                text: app.online ? qsTr("Connected") : qsTr("Offline: messages wait and go out later")
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

    // The areas of the app, down the left side once it is unlocked.
    Pane {
        id: navigation
        objectName: "navigation"
        visible: app.state === AppController.Ready || window.previewScreen !== ""
                 && window.previewScreen !== "FirstRun" && window.previewScreen !== "Unlock"
        width: visible ? 150 : 0
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        padding: 4
        background: Rectangle { color: "#eef1f5" }
        ColumnLayout {
            width: parent.width
            spacing: 2
            Repeater {
                model: [
                    { name: "Conversations", button: "conversationsButton", label: qsTr("Conversations") },
                    { name: "Organisations", button: "organisationsButton", label: qsTr("Find help") },
                    { name: "Cases", button: "casesButton", label: qsTr("Cases") },
                    { name: "Devices", button: "devicesButton", label: qsTr("Devices") },
                    { name: "Settings", button: "settingsButton", label: qsTr("Settings") }
                ]
                delegate: ItemDelegate {
                    id: navButton
                    required property var modelData
                    objectName: modelData.button
                    text: modelData.label
                    highlighted: window.screen === modelData.name
                                 || (modelData.name === "Conversations" && window.screen === "Chat")
                                 || (modelData.name === "Cases" && window.screen === "CaseChat")
                    focusPolicy: Qt.StrongFocus
                    Accessible.name: text
                    contentItem: Text {
                        text: navButton.text
                        font: navButton.font
                        color: navButton.highlighted ? "#ffffff" : "#111111"
                        elide: Text.ElideRight
                        verticalAlignment: Text.AlignVCenter
                    }
                    background: Rectangle {
                        color: navButton.highlighted ? "#1d4e89" : navButton.down ? "#d5dbe3" : "transparent"
                        border.color: navButton.visualFocus ? "#111111" : "transparent"
                        border.width: 2
                        radius: 4
                    }
                    Layout.fillWidth: true
                    onClicked: window.showPage(modelData.name)
                }
            }
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.left: navigation.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        source: window.screen + ".qml"
    }

    SafetyDialog {
        id: safetyDialog
        objectName: "safetyDialog"
    }

    // Blocking: opens by itself when a contact's safety number changed.
    IdentityChangeDialog {
        id: identityChangeDialog
        objectName: "identityChangeDialog"
    }
}
