// The cases: a seeker's own, and a helper's inbox with support time
// against the organisation's limit (docs/desktop.md).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "casesScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        Label {
            objectName: "casesTitle"
            text: qsTr("Cases")
            font.pointSize: 18
        }
        Item { Layout.fillHeight: true }
    }
}
