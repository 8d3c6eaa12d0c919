// One case's conversation, with what the case allows: sending, referral,
// handover, closing (docs/desktop.md).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "caseChatScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        Label {
            objectName: "caseChatTitle"
            text: qsTr("Case")
            font.pointSize: 18
        }
        Item { Layout.fillHeight: true }
    }
}
