// The Safety button: on every screen, one press from the emergency numbers.
import QtQuick
import QtQuick.Controls

Button {
    text: qsTr("Safety")
    Accessible.name: qsTr("Safety: emergency and crisis numbers")
    palette.button: "#9b1c1c"
    palette.buttonText: "#ffffff"
    font.bold: true
}
