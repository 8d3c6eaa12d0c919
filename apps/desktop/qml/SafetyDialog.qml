// What the Safety button shows: the joined organisation's emergency, crisis
// and on-call numbers (AppController.safetyContacts), or, with none joined,
// the European emergency number.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    title: qsTr("Help right now")
    modal: true
    // Our own button: Qt's standard ones would need Qt's catalogues too.
    footer: DialogButtonBox {
        Button {
            objectName: "safetyClose"
            text: qsTr("Close")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 480, 480)

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            objectName: "safetyGeneric"
            visible: app.safetyContacts.length === 0
            text: qsTr("If you or someone else is in danger, call your local emergency number: 112.")
            wrapMode: Text.Wrap
            font.bold: true
            Layout.fillWidth: true
        }
        Label {
            visible: app.safetyContacts.length === 0
            text: qsTr("If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Repeater {
            model: app.safetyContacts
            delegate: ColumnLayout {
                Layout.fillWidth: true
                Label {
                    text: modelData.label
                    font.bold: true
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Label {
                    text: modelData.phone + (modelData.hours !== "" ? "  (" + modelData.hours + ")" : "")
                    Accessible.name: modelData.label + " " + modelData.phone
                }
            }
        }
    }
}
