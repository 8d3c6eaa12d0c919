"""The first run's texts beyond fill_translations.py's own: linking this
computer from a picture of the other device's QR code."""

T = {
    "From a picture of the QR code …": (
        "Fra et billede af QR-koden …", "Fra et bilde av QR-koden …", "Van een foto van de QR-code …"),
    "A picture of the QR code on your other device": (
        "Et billede af QR-koden på din anden enhed", "Et bilde av QR-koden på den andre enheten din",
        "Een foto van de QR-code op je andere apparaat"),
    "No linking code was found in that image. Try a sharper picture, or type the code.": (
        "Der var ingen forbindelseskode i billedet. Prøv et skarpere billede, eller skriv koden.",
        "Det var ingen koblingskode i bildet. Prøv et skarpere bilde, eller skriv koden.",
        "Er staat geen koppelcode in die afbeelding. Probeer een scherpere foto, of typ de code."),
}
