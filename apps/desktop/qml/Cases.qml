// The cases: a seeker's own, and a helper's inbox with offered cases first,
// each with its conversations and support time against the organisation's
// limit and a warning as it nears (app.cases, docs/desktop.md "Cases").
// A helper sets their availability in the header.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kollega 1.0

Page {
    objectName: "casesScreen"

    Component.onCompleted: app.cases.refresh(true)

    function stateText(caseState, helper, peer) {
        if (caseState === CasesModel.Offered)
            return helper ? qsTr("Offered to you: the first helper to take it has it")
                          : qsTr("Waiting for a helper to take it")
        if (caseState === CasesModel.Closed)
            return qsTr("Closed by the other side")
        return qsTr("Open")
    }
    function availabilityText() {
        switch (app.cases.availability) {
        case CasesController.Available: return qsTr("You are available for new cases.")
        case CasesController.Away:
            return app.cases.awayUntil > 0
                ? qsTr("You are away until %1.").arg(app.orgs.formatTime("", app.cases.awayUntil))
                : qsTr("You are away.")
        case CasesController.Full:
            return qsTr("You show as full: you have as many open cases as the organisation allows. This changes by itself when a case closes.")
        default: return qsTr("You have not said whether you are available.")
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10
        Label {
            objectName: "casesTitle"
            text: qsTr("Cases")
            font.pointSize: Qt.application.font.pointSize * 1.8
        }

        // A helper's availability: what seekers see in the directory.
        Pane {
            objectName: "availabilityPane"
            visible: app.cases.isHelper
            Layout.fillWidth: true
            background: Rectangle { color: "#eef1f5"; radius: 6 }
            ColumnLayout {
                width: parent.width
                Label {
                    objectName: "availabilityText"
                    text: (app.languages.current, availabilityText())
                    color: "#111111"
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    Button {
                        objectName: "availableButton"
                        text: qsTr("Available")
                        Accessible.name: qsTr("Set yourself available")
                        onClicked: app.cases.setAvailable()
                    }
                    Label { text: qsTr("Away for"); color: "#111111" }
                    SpinBox {
                        id: awayDays
                        objectName: "awayDays"
                        from: 1
                        to: 60
                        value: 1
                        Accessible.name: qsTr("Days away")
                    }
                    Label { text: qsTr("days"); color: "#111111" }
                    Button {
                        objectName: "awayButton"
                        text: qsTr("Away")
                        Accessible.name: qsTr("Set yourself away for the chosen days")
                        onClicked: app.cases.setAway(Date.now() + awayDays.value * 86400000)
                    }
                }
            }
        }

        // After a helper closed a case marked heavy.
        Pane {
            objectName: "debriefPrompt"
            visible: app.cases.debriefPrompt
            Layout.fillWidth: true
            background: Rectangle { color: "#fff4d6"; radius: 6 }
            RowLayout {
                width: parent.width
                Label {
                    text: qsTr("That was a heavy case. Take a moment, and talk it through with a colleague or your contact person.")
                    color: "#111111"
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                Button {
                    objectName: "debriefDismiss"
                    text: qsTr("OK")
                    Accessible.name: qsTr("Close the debrief reminder")
                    onClicked: app.cases.dismissDebrief()
                }
            }
        }

        Label {
            objectName: "casesError"
            visible: app.cases.error !== ""
            text: app.cases.error
            color: "#b00020"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "casesEmpty"
            visible: app.cases.model.count === 0
            text: qsTr("No cases. A case starts when you ask an organisation's helper for support (under Find help).")
            color: "#444444"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        ListView {
            id: list
            objectName: "casesList"
            model: app.cases.model
            clip: true
            spacing: 4
            Layout.fillWidth: true
            Layout.fillHeight: true
            delegate: ItemDelegate {
                width: ListView.view.width
                // Tab stops on each row, Return opens it (tests/desktop/a11y_test.cpp).
                focusPolicy: Qt.StrongFocus
                Accessible.name: who.text + ". " + status.text + (limitLabel.visible ? ". " + limitLabel.text : "")
                onClicked: window.openCase(caseId)
                Keys.onReturnPressed: window.openCase(caseId)
                contentItem: ColumnLayout {
                    spacing: 2
                    RowLayout {
                        Label {
                            id: who
                            text: helper ? qsTr("Seeker %1").arg(peer.substring(0, 8))
                                         : peerName !== "" ? peerName : qsTr("Any available helper")
                            font.bold: true
                            color: "#111111"
                            Layout.fillWidth: true
                        }
                        Label {
                            visible: unread > 0
                            text: " " + unread + " "
                            color: "#ffffff"
                            background: Rectangle { color: "#1d4e89"; radius: 8 }
                            Accessible.name: qsTr("%n new", "", unread)
                        }
                    }
                    Label {
                        text: [orgName, categoryName,
                               qsTr("since %1").arg(app.orgs.formatTime(orgId, opened))]
                              .filter(function (s) { return s !== "" }).join(" · ")
                        color: "#444444"
                        Layout.fillWidth: true
                        elide: Text.ElideRight
                    }
                    Label {
                        id: status
                        text: stateText(caseState, helper, peer)
                              + (caseState === CasesModel.Open
                                 ? " · " + (maxConversations > 0
                                            ? qsTr("%1 of %2 conversations").arg(conversations).arg(maxConversations)
                                            : qsTr("%n conversation(s)", "", conversations))
                                   + " · " + (maxSupportMinutes > 0
                                              ? qsTr("%1 of %2 minutes of support").arg(supportMinutes).arg(maxSupportMinutes)
                                              : qsTr("%n minute(s) of support", "", supportMinutes))
                                 : "")
                        color: "#444444"
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    Label {
                        id: limitLabel
                        visible: limit !== CasesModel.Within
                        text: limit === CasesModel.Reached
                              ? qsTr("The organisation's limit for this case is reached.")
                              : qsTr("This case is nearing the organisation's limit.")
                        color: limit === CasesModel.Reached ? "#b00020" : "#8a4b00"
                        font.bold: true
                    }
                    Label {
                        visible: handoverTo !== ""
                        text: qsTr("Handover asked")
                        color: "#1d4e89"
                    }
                }
            }
        }
    }
}
