// The Safety button: on every screen, one press from the emergency numbers.
// Its own colours: white on dark red passes WCAG AA (tests/desktop/a11y_test.cpp).
import QtQuick
import QtQuick.Controls

Button {
    id: safety
    text: qsTr("Safety")
    Accessible.name: qsTr("Safety: emergency and crisis numbers")
    font.bold: true
    contentItem: Text {
        text: safety.text
        font: safety.font
        color: "#ffffff"
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        implicitWidth: 100
        implicitHeight: 40
        color: safety.down ? "#7a1414" : "#9b1c1c"
        border.color: safety.visualFocus ? "#111111" : "transparent"
        border.width: 2
    }
}
