// The blocking notice shown when a contact's safety number changed
// (TrustController.changedPeers): a new device of theirs, or someone in
// between. Sending to them stays blocked until the new number is accepted;
// "Not now" only closes the notice (Chat still shows why it cannot send).
// After accepting, the new safety number is shown to compare.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kollega 1.0

Dialog {
    id: dialog
    // The contact the notice is about; "" when closed.
    property string peer: ""
    // Contacts put off with "Not now" in this run: not asked again unasked.
    property var postponed: []
    // Accepted: the dialog now shows the new number to compare.
    readonly property bool accepted: peer !== "" && app.trust.changedPeers.indexOf(peer) < 0

    function openFor(contact) {
        peer = contact
        open()
    }
    function next() {
        const peers = app.trust.changedPeers
        for (let i = 0; i < peers.length; ++i) {
            if (postponed.indexOf(peers[i]) < 0) return openFor(peers[i])
        }
    }

    title: accepted ? qsTr("Compare the new safety number") : qsTr("Safety number changed")
    modal: true
    closePolicy: Popup.NoAutoClose
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 520, 520)
    onClosed: {
        app.trust.clearSafetyNumber()
        peer = ""
        Qt.callLater(next)
    }

    Connections {
        target: app.trust
        function onChangedPeersChanged() { if (!dialog.opened && dialog.peer === "") dialog.next() }
    }
    // Locked: nothing of the account stays on screen; at unlock the
    // pending changes are loaded again and the notice comes back.
    Connections {
        target: app
        function onStateChanged() {
            if (app.state === AppController.Ready) return
            dialog.postponed = []
            dialog.close()
        }
    }
    Component.onCompleted: next()

    footer: DialogButtonBox {
        Button {
            objectName: "acceptIdentityButton"
            visible: !dialog.accepted
            text: qsTr("Accept the new safety number")
            Accessible.name: text
            onClicked: {
                app.trust.acceptIdentityChange(dialog.peer)
                app.trust.showSafetyNumber(dialog.peer)
            }
        }
        Button {
            objectName: "notNowButton"
            visible: !dialog.accepted
            text: qsTr("Not now")
            Accessible.name: text
            onClicked: {
                dialog.postponed = dialog.postponed.concat([dialog.peer])
                dialog.close()
            }
        }
        Button {
            objectName: "identityDoneButton"
            visible: dialog.accepted
            text: qsTr("Done")
            Accessible.name: text
            onClicked: dialog.close()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            objectName: "identityChangeText"
            visible: !dialog.accepted
            text: qsTr("The safety number with contact %1 has changed. This happens when they use Kollega on a new device or set it up again, but it can also mean that someone is trying to come in between.").arg(dialog.peer.substring(0, 8))
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: !dialog.accepted
            text: qsTr("Until you accept the new safety number, you cannot send messages to this contact, and their new messages wait. If you are not sure, ask them first in another way.")
            wrapMode: Text.Wrap
            color: "#444444"
            Layout.fillWidth: true
        }
        Label {
            visible: dialog.accepted
            text: qsTr("Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, nobody is in between.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: !dialog.accepted && app.trust.error !== ""
            text: app.trust.error
            wrapMode: Text.Wrap
            color: "#b00020"
            Layout.fillWidth: true
        }
        SafetyNumberView {
            visible: dialog.accepted
            Layout.fillWidth: true
        }
    }
}
