// A safety number (TrustController.safetyGroups: 60 digits in 12 groups
// of 5) as a grid of digits and as a QR code, for comparing with a contact.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ColumnLayout {
    spacing: 10
    // Lets the column take the dialog's width, so that the digits and the
    // code are centred in it (a layout grows only as far as its children).
    Item {
        height: 0
        Layout.fillWidth: true
    }
    Label {
        visible: app.trust.safetyGroups.length === 0
        text: app.trust.error !== "" ? app.trust.error : qsTr("Working out the safety number…")
        wrapMode: Text.Wrap
        color: app.trust.error !== "" ? "#b00020" : "#444444"
        Layout.fillWidth: true
    }
    GridLayout {
        objectName: "safetyNumberGrid"
        visible: app.trust.safetyGroups.length > 0
        columns: 4
        columnSpacing: 16
        rowSpacing: 6
        Layout.alignment: Qt.AlignHCenter
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("Safety number: %1").arg(app.trust.safetyGroups.join(" "))
        Repeater {
            model: app.trust.safetyGroups
            delegate: Label {
                required property string modelData
                text: modelData
                font.family: "monospace"
                font.pointSize: Qt.application.font.pointSize * 1.4
                color: "#111111"
            }
        }
    }
    Image {
        objectName: "safetyNumberQr"
        visible: app.trust.safetyGroups.length > 0
        source: app.trust.safetyQr
        smooth: false
        fillMode: Image.PreserveAspectFit
        sourceSize.width: 180
        sourceSize.height: 180
        Layout.preferredWidth: 180
        Layout.preferredHeight: 180
        Layout.alignment: Qt.AlignHCenter
        Accessible.name: qsTr("The safety number as a QR code")
    }
}
