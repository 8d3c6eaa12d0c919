// What the Safety button shows: the emergency and crisis numbers a joined
// organisation lists for the chosen country (this computer's by default)
// and its on-call contact (app.orgs: safetyContacts, safetyCountry,
// safetyOrg); with several organisations, a choice. With none joined, or
// while locked, the European emergency number.
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

    readonly property var contacts: app.orgs.safetyContacts

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            objectName: "safetyGeneric"
            visible: contacts.length === 0
            text: qsTr("If you or someone else is in danger, call your local emergency number: 112.")
            wrapMode: Text.Wrap
            font.bold: true
            Layout.fillWidth: true
        }
        Label {
            visible: contacts.length === 0
            text: qsTr("If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ComboBox {
            objectName: "safetyOrgBox"
            visible: app.orgs.organisations.length > 1
            textRole: "name"
            valueRole: "orgId"
            model: app.orgs.organisations
            currentIndex: Math.max(0, app.orgs.organisations.findIndex(o => o.orgId === app.orgs.safetyOrg))
            displayText: (app.orgs.organisations.find(o => o.orgId === app.orgs.safetyOrg) || { name: "" }).name
            Accessible.name: qsTr("Organisation")
            Layout.fillWidth: true
            onActivated: app.orgs.safetyOrg = currentValue
        }
        ComboBox {
            objectName: "safetyCountryBox"
            visible: app.orgs.safetyCountries.length > 0
            textRole: "label"
            valueRole: "value"
            model: [{ value: "", label: qsTr("All countries") }].concat(
                app.orgs.safetyCountries.map(c => ({ value: c, label: app.orgs.countryName(c) })))
            currentIndex: app.orgs.safetyCountries.indexOf(app.orgs.safetyCountry) + 1  // 0: all
            // From the choice itself: a new model (a language switch) resets the index.
            displayText: app.orgs.safetyCountry === "" ? qsTr("All countries")
                                                       : app.orgs.countryName(app.orgs.safetyCountry)
            Accessible.name: qsTr("Country")
            Layout.fillWidth: true
            onActivated: app.orgs.safetyCountry = currentValue
        }
        // A positioner, not the layout, holds the rows: Qt 6.4's layouts
        // crash when a popup's Repeater rows go at shutdown.
        Column {
            spacing: 6
            Layout.fillWidth: true
            Repeater {
                objectName: "safetyContacts"
                model: contacts
                delegate: Column {
                    required property var modelData
                    width: parent.width
                    Label {
                        // The on-call contact has no country; a country's line
                        // names its country when every country is listed.
                        text: (modelData.country && app.orgs.safetyCountry === ""
                               ? app.orgs.countryName(modelData.country) + ": " : "")
                              + (modelData.label ? modelData.label : qsTr("On-call contact"))
                        font.bold: true
                        wrapMode: Text.Wrap
                        width: parent.width
                    }
                    Label {
                        objectName: "safetyPhone"
                        text: [modelData.phone, modelData.email].filter(s => !!s).join("  ")
                              + (modelData.hours ? "  (" + modelData.hours + ")" : "")
                        Accessible.name: modelData.label + " " + modelData.phone
                        textFormat: Text.PlainText
                        width: parent.width
                    }
                }
            }
        }
    }
}
