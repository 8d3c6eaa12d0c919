// This account's devices, unlinking one, and this device's linking code
// as a QR code (docs/desktop.md).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Page {
    objectName: "devicesScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        Label {
            objectName: "devicesTitle"
            text: qsTr("Devices")
            font.pointSize: 18
        }
        Item { Layout.fillHeight: true }
    }
}
