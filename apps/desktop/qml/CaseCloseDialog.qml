// Closing the open case: it is wiped from this computer and the other side
// is told. A helper chooses the category it is counted under (pre-set to
// the case's) and may mark it heavy, which brings the debrief prompt.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Dialog {
    id: dialog
    title: qsTr("Close this case?")
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(parent ? parent.width - 48 : 460, 460)

    readonly property var c: app.cases.current
    readonly property bool helper: c.helper === true
    readonly property var categories: app.cases.categories

    onAboutToShow: {
        heavy.checked = false
        category.currentIndex = -1
        for (var i = 0; i < categories.length; ++i) {
            if (categories[i].id === c.category) category.currentIndex = i
        }
    }

    footer: DialogButtonBox {
        Button {
            objectName: "confirmCloseCase"
            text: qsTr("Close and wipe")
            Accessible.name: qsTr("Close the case and wipe it from this computer")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
        Button {
            text: qsTr("Cancel")
            Accessible.name: text
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
    }
    onAccepted: app.cases.closeCase(helper && heavy.checked,
                                    helper && category.currentIndex >= 0
                                        ? categories[category.currentIndex].id : "")

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            text: qsTr("The case and its messages are wiped from this computer, and the other side is told it is closed.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: helper && categories.length > 0
            text: qsTr("What the case was about (for the organisation's statistics, nothing else is kept):")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ComboBox {
            id: category
            objectName: "closeCategory"
            visible: helper && categories.length > 0
            model: categories
            textRole: "name"
            Accessible.name: qsTr("Category")
            Layout.fillWidth: true
        }
        CheckBox {
            id: heavy
            objectName: "closeHeavy"
            visible: helper
            text: qsTr("This was heavy")
            Accessible.name: text
        }
    }
}
