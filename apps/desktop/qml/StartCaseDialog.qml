// Starting a case: an optional problem category from the organisation's
// policy, named in the app's language, and the first message. Sending may
// first show the out-of-hours notice (OutOfHoursDialog.qml); the dialog
// closes when the case is open (Organisations.qml).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: dialog
    property string orgId: ""
    property string helper: ""      // empty: whoever is available first
    property string helperName: ""

    title: helper !== "" ? qsTr("Write to %1").arg(helperName) : qsTr("Whoever is available first")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 520, 520)
    onOpened: messageArea.forceActiveFocus()

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("What is it about? (you may leave this out)")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ComboBox {
            id: categoryBox
            objectName: "categoryBox"
            textRole: "name"
            valueRole: "id"
            model: (app.languages.current, app.orgs.organisations,
                    [{ id: "", name: qsTr("No category") }].concat(app.orgs.categories(dialog.orgId)))
            Accessible.name: qsTr("Problem category")
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("Your first message")
            Layout.fillWidth: true
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 120
            TextArea {
                id: messageArea
                objectName: "caseMessage"
                wrapMode: TextEdit.Wrap
                placeholderText: qsTr("A few words about what you would like to talk about")
                Accessible.name: qsTr("Your first message")
            }
        }
        Label {
            visible: text !== ""
            text: app.orgs.error
            color: "#9b1c1c"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Cancel")
                Accessible.name: text
                onClicked: dialog.close()
            }
            Button {
                objectName: "caseSend"
                text: qsTr("Send")
                Accessible.name: qsTr("Send the first message")
                enabled: !app.orgs.busy && messageArea.text.trim() !== ""
                onClicked: app.orgs.startCase(dialog.orgId, dialog.helper,
                                              categoryBox.currentValue || "", messageArea.text)
            }
        }
    }
}
