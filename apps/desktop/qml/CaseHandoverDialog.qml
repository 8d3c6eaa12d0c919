// A helper asks the seeker's consent to hand the open case over to another
// helper of the organisation; nothing goes to that helper unless the
// seeker agrees.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    title: qsTr("Hand over to another helper")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 460, 460)
    footer: DialogButtonBox {
        Button {
            text: qsTr("Cancel")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4
        Label {
            text: app.cases.helpers.length === 0
                  ? qsTr("There is no other helper in this organisation.")
                  : qsTr("The seeker is asked first. The other helper hears nothing unless the seeker agrees.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Repeater {
            model: app.cases.helpers
            delegate: ItemDelegate {
                required property var modelData
                text: modelData.name + (modelData.profession !== "" ? " · " + modelData.profession : "")
                Accessible.name: qsTr("Ask to hand over to %1").arg(modelData.name)
                Layout.fillWidth: true
                onClicked: {
                    app.cases.askHandover(modelData.account)
                    close()
                }
            }
        }
    }
}
