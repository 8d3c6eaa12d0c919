// The conversations, most recent first, with what arrived since each was
// last opened; and a way to start one with an account id.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "conversationsScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12

        Label {
            objectName: "conversationsTitle"
            text: qsTr("Conversations")
            font.pointSize: Qt.application.font.pointSize * 1.8
        }
        Label {
            visible: list.count === 0
            text: qsTr("No conversations yet.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ListView {
            id: list
            objectName: "conversationsList"
            model: app.conversations
            clip: true
            focus: true
            keyNavigationEnabled: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: ItemDelegate {
                width: ListView.view.width
                // Tab stops on each row, Return opens it (tests/desktop/a11y_test.cpp).
                focusPolicy: Qt.StrongFocus
                Accessible.name: unread > 0
                    ? qsTr("Conversation %1, %n new message(s)", "", unread).arg(shortPeer)
                    : qsTr("Conversation %1").arg(shortPeer)
                onClicked: window.openChat(peer)
                Keys.onReturnPressed: window.openChat(peer)
                contentItem: RowLayout {
                    Label {
                        text: shortPeer
                        font.family: "monospace"
                        Layout.fillWidth: true
                    }
                    Label {
                        // Named so that a language switch redraws it.
                        text: (app.languages.current,
                               lastTime.toLocaleString(Qt.locale(), Locale.ShortFormat))
                        color: "#444444"
                    }
                    Label {
                        visible: unread > 0
                        text: unread
                        color: "#ffffff"
                        font.bold: true
                        padding: 4
                        background: Rectangle { color: "#1d4e89"; radius: 8 }
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: peerField
                objectName: "newPeerField"
                placeholderText: qsTr("Account number of the person to write to")
                Accessible.name: qsTr("Account number of the person to write to")
                Layout.fillWidth: true
                onAccepted: startButton.clicked()
            }
            Button {
                id: startButton
                text: qsTr("Write")
                Accessible.name: qsTr("Start the conversation")
                enabled: /^[0-9a-f]{32}$/.test(peerField.text.trim())
                onClicked: window.openChat(peerField.text.trim())
            }
        }
    }
}
