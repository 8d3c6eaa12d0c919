// A helper shares one of the organisation's resource cards in the open case.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    title: qsTr("Share a resource card")
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
            visible: app.cases.resources.length === 0
            text: qsTr("The organisation has no resource cards.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Repeater {
            model: app.cases.resources
            delegate: ItemDelegate {
                required property var modelData
                text: modelData.label + (modelData.phone !== "" ? " · " + modelData.phone : "")
                Accessible.name: qsTr("Share %1").arg(modelData.label)
                Layout.fillWidth: true
                onClicked: {
                    app.cases.refer(modelData.id)
                    close()
                }
            }
        }
    }
}
