// One case's conversation (app.cases.entries): messages, referrals shown as
// their resource card, notices; and what the case allows — writing (with
// the out-of-hours notice first, and blocked while the peer's identity
// changed), a helper's referral, handover, support time, new
// conversation, a seeker's answer to a handover, closing (docs/desktop.md
// "Cases").
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kollega 1.0

Page {
    objectName: "caseChatScreen"

    readonly property var c: app.cases.current
    readonly property bool known: c.caseId !== undefined
    readonly property bool helper: known && c.helper
    readonly property bool isOpen: known && c.caseState === CasesModel.Open
    readonly property bool blocked: known && c.peer !== "" && app.trust.changedPeers.indexOf(c.peer) >= 0

    function back() {
        app.cases.open("")
        window.showPage("Cases")
    }

    Connections {
        target: app.cases
        function onCaseClosed() { window.showPage("Cases") }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            Button {
                objectName: "caseBackButton"
                text: qsTr("Back")
                Accessible.name: qsTr("Back to the cases")
                onClicked: back()
            }
            Label {
                objectName: "caseChatTitle"
                text: !known ? qsTr("Case")
                      : helper ? qsTr("Case with seeker %1").arg(c.peer.substring(0, 8))
                      : c.peerName !== "" ? qsTr("Case with %1").arg(c.peerName) : qsTr("Case")
                font.pointSize: Qt.application.font.pointSize * 1.4
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            Button {
                objectName: "closeCaseButton"
                visible: known
                text: qsTr("Close case")
                Accessible.name: qsTr("Close this case and wipe it")
                onClicked: closeDialog.open()
            }
        }
        Label {
            visible: known
            text: known ? [c.orgName, c.categoryName,
                           c.maxConversations > 0 ? qsTr("%1 of %2 conversations").arg(c.conversations).arg(c.maxConversations) : "",
                           c.maxSupportMinutes > 0 ? qsTr("%1 of %2 minutes of support").arg(c.supportMinutes).arg(c.maxSupportMinutes) : ""]
                          .filter(function (s) { return s !== "" }).join(" · ") : ""
            color: "#444444"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "caseGone"
            visible: !known && app.cases.currentCase !== ""
            text: qsTr("This case is no longer here.")
            color: "#444444"
        }
        Label {
            objectName: "limitWarning"
            visible: known && c.limit !== CasesModel.Within
            text: !known ? ""
                  : c.limit === CasesModel.Reached
                    ? (helper ? qsTr("The organisation's limit for this case is reached. Refer the seeker on with a resource card.")
                              : qsTr("The organisation's limit for this case is reached. Your helper can point you to further help."))
                    : qsTr("This case is nearing the organisation's limit.")
            color: known && c.limit === CasesModel.Reached ? "#b00020" : "#8a4b00"
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "caseClosedNotice"
            visible: known && c.caseState === CasesModel.Closed
            text: qsTr("The other side closed this case. Close it here too to wipe it from this computer.")
            color: "#111111"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        // A helper's tools in an open case; taking an offered one.
        Flow {
            visible: helper
            spacing: 6
            Layout.fillWidth: true
            Button {
                objectName: "acceptCaseButton"
                visible: known && c.caseState === CasesModel.Offered
                text: qsTr("Take this case")
                Accessible.name: text
                highlighted: true
                onClicked: app.cases.accept()
            }
            Button {
                objectName: "referButton"
                visible: isOpen
                text: qsTr("Share a resource card")
                Accessible.name: text
                onClicked: referDialog.open()
            }
            Button {
                objectName: "handoverButton"
                visible: isOpen
                text: qsTr("Hand over")
                Accessible.name: qsTr("Ask the seeker to hand the case over to another helper")
                onClicked: handoverDialog.open()
            }
            Button {
                objectName: "newConversationButton"
                visible: isOpen
                text: qsTr("New conversation")
                Accessible.name: qsTr("Count your next message as a new conversation")
                onClicked: app.cases.startConversation()
            }
            SpinBox {
                id: minutes
                objectName: "supportMinutes"
                visible: isOpen
                from: 0
                to: 100000
                editable: true
                value: known ? c.supportMinutes : 0
                Accessible.name: qsTr("Support time in minutes")
            }
            Button {
                objectName: "correctTimeButton"
                visible: isOpen
                text: qsTr("Correct support time")
                Accessible.name: text
                onClicked: app.cases.setSupportMinutes(minutes.value)
            }
        }

        // A seeker asked to consent to a handover.
        Pane {
            objectName: "handoverQuestion"
            visible: known && !helper && c.handoverTo !== ""
            Layout.fillWidth: true
            background: Rectangle { color: "#eef1f5"; radius: 6 }
            ColumnLayout {
                width: parent.width
                Label {
                    text: known ? qsTr("Your helper suggests that %1 takes over your case. If you agree, a new case starts with them, and only what you write below is passed on.")
                                  .arg(c.handoverName !== "" ? c.handoverName : qsTr("another helper")) : ""
                    color: "#111111"
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                TextField {
                    id: passOn
                    objectName: "passOnInput"
                    placeholderText: qsTr("What the new helper may know (optional)")
                    Accessible.name: placeholderText
                    Layout.fillWidth: true
                }
                RowLayout {
                    Button {
                        objectName: "agreeHandoverButton"
                        text: qsTr("Agree")
                        Accessible.name: qsTr("Agree to the handover")
                        onClicked: app.cases.answerHandover(true, passOn.text)
                    }
                    Button {
                        objectName: "declineHandoverButton"
                        text: qsTr("Decline")
                        Accessible.name: qsTr("Decline the handover and stay with your helper")
                        onClicked: app.cases.answerHandover(false, "")
                    }
                }
            }
        }

        CaseEntriesList {
            orgId: known ? c.orgId : ""
            Layout.fillWidth: true
            Layout.fillHeight: true
        }

        Label {
            objectName: "caseError"
            visible: app.cases.error !== ""
            text: app.cases.error
            color: "#b00020"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        // The peer's safety number changed and is not accepted yet: nothing
        // is sent until it is (TrustController, as in Chat).
        RowLayout {
            objectName: "identityBlocked"
            visible: blocked
            Layout.fillWidth: true
            Label {
                text: qsTr("The safety number with this contact changed. Sending is paused until you accept the new one.")
                color: "#b00020"
                font.bold: true
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Button {
                objectName: "caseReviewIdentityButton"
                visible: typeof identityChangeDialog !== "undefined"
                text: qsTr("Review")
                Accessible.name: qsTr("Review the changed safety number")
                onClicked: identityChangeDialog.openFor(c.peer)
            }
        }
        // Before sending outside the organisation's opening hours.
        Label {
            objectName: "outOfHoursNotice"
            visible: isOpen && c.openNow === false
            text: known && c.outOfHoursNotice !== "" ? c.outOfHoursNotice
                  : qsTr("The organisation is closed now. Your message waits until a helper answers.")
            color: "#8a4b00"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        RowLayout {
            visible: isOpen
            Layout.fillWidth: true
            TextArea {
                id: input
                objectName: "caseInput"
                placeholderText: qsTr("Write a message")
                Accessible.name: qsTr("Write a message")
                wrapMode: TextEdit.Wrap
                enabled: !blocked
                focus: true
                Layout.fillWidth: true
                Keys.onReturnPressed: (event) => {
                    if (event.modifiers & Qt.ShiftModifier) event.accepted = false
                    else if (sendButton.enabled) sendButton.clicked()
                }
            }
            Button {
                id: sendButton
                objectName: "caseSendButton"
                text: qsTr("Send")
                Accessible.name: text
                highlighted: true
                enabled: !blocked && input.text.trim() !== ""
                onClicked: {
                    if (!enabled) return
                    app.cases.send(input.text)
                    input.text = ""
                }
            }
        }
    }

    CaseCloseDialog { id: closeDialog; objectName: "caseCloseDialog" }
    CaseReferDialog { id: referDialog; objectName: "caseReferDialog" }
    CaseHandoverDialog { id: handoverDialog; objectName: "caseHandoverDialog" }
}
