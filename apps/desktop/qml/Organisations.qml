// Finding help: joining an organisation from its card, its helper directory
// with filters and availability, and opening a case (docs/desktop.md).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "organisationsScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        Label {
            objectName: "organisationsTitle"
            text: qsTr("Find help")
            font.pointSize: 18
        }
        Item { Layout.fillHeight: true }
    }
}
