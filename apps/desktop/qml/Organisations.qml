// Finding help: joining an organisation from its card (link, pasted code or
// a QR image), its helper directory with filters and availability, and
// starting a case with a helper or with whoever is available first
// (docs/desktop.md, "Finding help"). Everything shown is app.orgs's.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Kollega 1.0

Page {
    id: screen
    objectName: "organisationsScreen"

    // A filter value as a person reads it; unknown values as they are.
    function valueLabel(kind, value) {
        if (kind === "languages") {
            // Each language by its own name ("en" alone is American English to Qt).
            const name = value.toLowerCase() === "en" ? "English" : Qt.locale(value).nativeLanguageName
            return name !== "" && Qt.locale(value).name !== "C"
                ? name.charAt(0).toUpperCase() + name.slice(1) : value
        }
        const known = {
            "female": qsTr("Woman"), "male": qsTr("Man"),
            "public": qsTr("Public sector"), "private": qsTr("Private practice"),
            doctor: qsTr("Doctor"), dentist: qsTr("Dentist"), gp: qsTr("GP"),
            midwife: qsTr("Midwife"), nurse: qsTr("Nurse"), psychologist: qsTr("Psychologist")
        }
        return known[value] !== undefined ? known[value] : value
    }
    function availabilityText(orgId, availability, backAt) {
        if (availability === HelpersModel.Available)
            return qsTr("Available")
        if (availability === HelpersModel.Away)
            return backAt > 0 ? qsTr("Away until %1").arg(app.orgs.formatTime(orgId, backAt))
                              : qsTr("Away")
        if (availability === HelpersModel.Full)
            return qsTr("Full: not taking new cases right now")
        return qsTr("Availability not known")
    }
    function writeTo(orgId, account, name) {
        caseDialog.orgId = orgId
        caseDialog.helper = account
        caseDialog.helperName = name
        caseDialog.open()
    }

    Connections {
        target: app.orgs
        function onCaseOpened(caseId) {
            outOfHoursDialog.close()
            caseDialog.close()
            window.openCase(caseId)
        }
        function onOutOfHoursChanged() {
            if (app.orgs.outOfHours.orgId !== undefined)
                outOfHoursDialog.open()
            else
                outOfHoursDialog.close()
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10

        Label {
            objectName: "organisationsTitle"
            text: qsTr("Find help")
            font.pointSize: Qt.application.font.pointSize * 1.8
        }
        Label {
            text: qsTr("Join your organisation with the link or code it gave you, or with a picture of its QR code.")
            wrapMode: Text.Wrap
            color: "#444444"
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: joinField
                objectName: "joinField"
                placeholderText: qsTr("kollega://org?… or the code")
                Accessible.name: qsTr("The organisation's link or code")
                Layout.fillWidth: true
                onAccepted: joinButton.clicked()
            }
            Button {
                id: joinButton
                objectName: "joinButton"
                text: qsTr("Join")
                Accessible.name: qsTr("Join the organisation")
                enabled: !app.orgs.busy
                onClicked: app.orgs.join(joinField.text)
            }
            Button {
                objectName: "qrButton"
                text: qsTr("From a QR image…")
                Accessible.name: qsTr("Join from a picture of the QR code")
                enabled: !app.orgs.busy
                onClicked: qrDialog.open()
            }
        }
        Label {
            objectName: "orgsError"
            visible: text !== ""
            text: app.orgs.error
            color: "#9b1c1c"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "orgsInfo"
            visible: text !== ""
            text: app.orgs.info
            color: "#1e5f2a"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Column {
            Layout.fillWidth: true
            Repeater {
                objectName: "organisationsList"
                model: app.orgs.organisations
                delegate: Label {
                    required property var modelData
                    width: parent.width
                    text: (app.languages.current, modelData.name + " — " + (modelData.openNow
                        ? qsTr("open now")
                        : modelData.changesAt > 0
                          ? qsTr("closed now; opens again at %1").arg(app.orgs.formatTime(modelData.orgId, modelData.changesAt))
                          : qsTr("closed now")))
                    font.bold: true
                    wrapMode: Text.Wrap
                }
            }
        }

        // The filters: what the policies and the directory hold.
        Flow {
            objectName: "filters"
            visible: app.orgs.organisations.length > 0
            spacing: 6
            Layout.fillWidth: true
            Repeater {
                model: [
                    { field: "org", kind: "orgs", any: qsTr("Any organisation"), name: qsTr("Organisation") },
                    { field: "region", kind: "regions", any: qsTr("Any region"), name: qsTr("Region") },
                    { field: "profession", kind: "professions", any: qsTr("Any profession"), name: qsTr("Profession") },
                    { field: "language", kind: "languages", any: qsTr("Any language"), name: qsTr("Language") },
                    { field: "gender", kind: "genders", any: qsTr("Any gender"), name: qsTr("Gender") },
                    { field: "sector", kind: "sectors", any: qsTr("Any sector"), name: qsTr("Sector") }
                ]
                delegate: ComboBox {
                    required property var modelData
                    objectName: "filter_" + modelData.field
                    readonly property var values: app.orgs.filterOptions[modelData.kind] || []
                    visible: modelData.field !== "org" || values.length > 1
                    textRole: "label"
                    valueRole: "value"
                    model: [{ value: "", label: modelData.any }].concat(values.map(v =>
                        modelData.kind === "orgs" ? v : { value: v, label: screen.valueLabel(modelData.kind, v) }))
                    Accessible.name: modelData.name
                    onActivated: app.orgs.setFilter(modelData.field, currentValue)
                    // 0 is "any"; the values follow in the order given.
                    currentIndex: values.findIndex(v => (modelData.kind === "orgs" ? v.value : v)
                                                        === app.orgs.filter[modelData.field]) + 1
                    // From the filter itself: a new model (a language switch) resets the index.
                    displayText: {
                        const chosen = app.orgs.filter[modelData.field] || ""
                        if (chosen === "") return modelData.any
                        if (modelData.kind !== "orgs") return screen.valueLabel(modelData.kind, chosen)
                        const org = values.find(v => v.value === chosen)
                        return org ? org.label : chosen
                    }
                }
            }
            CheckBox {
                objectName: "availableOnly"
                text: qsTr("Available only")
                Accessible.name: text
                checked: app.orgs.filter.availableOnly === true
                onToggled: app.orgs.setFilter("availableOnly", checked)
            }
            Button {
                objectName: "refreshButton"
                text: qsTr("Refresh")
                Accessible.name: qsTr("Fetch the directory again")
                enabled: !app.orgs.busy
                onClicked: app.orgs.refresh()
            }
        }
        RowLayout {
            visible: app.orgs.organisations.length > 0
            Layout.fillWidth: true
            Button {
                objectName: "offerButton"
                text: qsTr("Whoever is available first")
                Accessible.name: qsTr("Write to whoever of these helpers is available first")
                enabled: !app.orgs.busy
                onClicked: screen.writeTo(app.orgs.filter.org, "", "")
            }
            BusyIndicator {
                running: app.orgs.busy
                visible: running
                implicitHeight: 32
                implicitWidth: 32
            }
            Label {
                text: qsTr("Helpers: %1").arg(helpersList.count)
                color: "#444444"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
            }
        }
        ListView {
            id: helpersList
            objectName: "helpersList"
            model: app.orgs.helpers
            clip: true
            spacing: 8
            keyNavigationEnabled: true
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: Frame {
                width: ListView.view.width
                Accessible.name: name
                ColumnLayout {
                    width: parent.width
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: name
                            font.bold: true
                            color: "#111111"
                        }
                        Label {
                            objectName: "helperAvailability"
                            text: (app.languages.current, screen.availabilityText(orgId, availability, backAt))
                            color: availability === HelpersModel.Available ? "#1e5f2a" : "#444444"
                            Layout.fillWidth: true
                        }
                        Button {
                            objectName: "writeButton"
                            text: qsTr("Write to this helper")
                            Accessible.name: qsTr("Write to %1").arg(name)
                            enabled: !app.orgs.busy
                            onClicked: screen.writeTo(orgId, account, name)
                        }
                    }
                    Label {
                        text: [screen.valueLabel("professions", profession), region,
                               languages.map(l => screen.valueLabel("languages", l)).join(", "),
                               orgName].filter(s => s !== "").join(" · ")
                        color: "#444444"
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        visible: introduction !== ""
                        text: introduction
                        color: "#111111"
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                }
            }
        }
    }

    StartCaseDialog {
        id: caseDialog
        objectName: "startCaseDialog"
    }
    OutOfHoursDialog {
        id: outOfHoursDialog
        objectName: "outOfHoursDialog"
    }
    FileDialog {
        id: qrDialog
        title: qsTr("A picture of the organisation's QR code")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.bmp *.gif)")]
        onAccepted: app.orgs.joinFromImage(selectedFile)
    }
}
