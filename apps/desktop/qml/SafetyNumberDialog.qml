// "Verify safety number" (from Chat): the number this computer and the
// contact's both work out from the two accounts' keys. The same on both
// sides means nobody is in between.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    property string peer: ""
    function openFor(contact) {
        peer = contact
        app.trust.showSafetyNumber(contact)
        open()
    }
    title: qsTr("Safety number")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 520, 520)
    onClosed: app.trust.clearSafetyNumber()

    footer: DialogButtonBox {
        Button {
            objectName: "safetyNumberClose"
            text: qsTr("Close")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            text: qsTr("Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, your conversation is private: nobody is in between.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        SafetyNumberView { Layout.fillWidth: true }
    }
}
