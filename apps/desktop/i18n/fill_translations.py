#!/usr/bin/env python3
"""Writes the Danish, Norwegian Bokmål and Dutch translations (and the English
plural forms) into apps/desktop/i18n/kollega_*.ts after `update_translations`
has added new source texts. Texts already translated in a .ts file are kept,
so translators may also edit the .ts files directly (Qt Linguist).

Tone: calm and plain, the way a colleague speaks; informal "du"/"je".

The texts of each area of the app live beside this file in texts_<area>.py
(a dict T and, where needed, ENGLISH_PLURALS, in the form below) and are
merged in, so that areas are translated apart.
"""
import glob
import importlib.util
import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))

# source text -> (da, nb, nl); a plural text -> ((singular, plural) per language)
T = {
    "Waiting to send": ("Venter på at blive sendt", "Venter på å bli sendt", "Wacht op verzenden"),
    "Sent": ("Sendt", "Sendt", "Verzonden"),
    "Delivered": ("Leveret", "Levert", "Afgeleverd"),
    "Read": ("Læst", "Lest", "Gelezen"),
    "Back": ("Tilbage", "Tilbake", "Terug"),
    "Back to the conversations": ("Tilbage til samtalerne", "Tilbake til samtalene", "Terug naar de gesprekken"),
    "Conversation %1": ("Samtale %1", "Samtale %1", "Gesprek %1"),
    "Write a message": ("Skriv en besked", "Skriv en melding", "Schrijf een bericht"),
    "Send": ("Send", "Send", "Versturen"),
    "Conversations": ("Samtaler", "Samtaler", "Gesprekken"),
    "No conversations yet.": ("Ingen samtaler endnu.", "Ingen samtaler ennå.", "Nog geen gesprekken."),
    "Conversation %1, %n new message(s)": (
        ("Samtale %1, %n ny besked", "Samtale %1, %n nye beskeder"),
        ("Samtale %1, %n ny melding", "Samtale %1, %n nye meldinger"),
        ("Gesprek %1, %n nieuw bericht", "Gesprek %1, %n nieuwe berichten")),
    "Account number of the person to write to": (
        "Kontonummer på den, du vil skrive til", "Kontonummeret til den du vil skrive til",
        "Accountnummer van degene aan wie je wilt schrijven"),
    "Write": ("Skriv", "Skriv", "Schrijven"),
    "Start the conversation": ("Start samtalen", "Start samtalen", "Begin het gesprek"),
    "Welcome to Kollega": ("Velkommen til Kollega", "Velkommen til Kollega", "Welkom bij Kollega"),
    "Talk in confidence with a trained colleague. No name, no phone number, no e-mail: your account is a random number made on this computer.": (
        "Tal fortroligt med en uddannet kollega. Intet navn, intet telefonnummer, ingen e-mail: din konto er et tilfældigt nummer, der bliver lavet på denne computer.",
        "Snakk fortrolig med en kollega med opplæring. Ikke noe navn, telefonnummer eller e-post: kontoen din er et tilfeldig nummer som lages på denne datamaskinen.",
        "Praat in vertrouwen met een getrainde collega. Geen naam, geen telefoonnummer, geen e-mail: je account is een willekeurig nummer dat op deze computer wordt gemaakt."),
    "New account": ("Ny konto", "Ny konto", "Nieuw account"),
    "Link this computer": ("Forbind denne computer", "Koble til denne datamaskinen", "Deze computer koppelen"),
    "Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.": (
        "Vælg en adgangssætning. Den beskytter det, Kollega gemmer på denne computer. Ingen kan finde den frem for dig, hvis du glemmer den.",
        "Velg en passordfrase. Den beskytter det Kollega lagrer på denne datamaskinen. Ingen kan finne den fram igjen for deg.",
        "Kies een wachtzin. Die beschermt wat Kollega op deze computer bewaart. Niemand kan hem voor je terughalen."),
    "Passphrase": ("Adgangssætning", "Passordfrase", "Wachtzin"),
    "The same passphrase again": ("Den samme adgangssætning igen", "Den samme passordfrasen igjen", "Dezelfde wachtzin nog een keer"),
    "The code shown on your other device": (
        "Koden, der vises på din anden enhed", "Koden som vises på den andre enheten din",
        "De code die je andere apparaat laat zien"),
    "Create my account": ("Opret min konto", "Opprett kontoen min", "Mijn account aanmaken"),
    "Working": ("Arbejder", "Arbeider", "Bezig"),
    "Setting up your account. This can take a minute.": (
        "Din konto bliver sat op. Det kan tage et minut.", "Kontoen din settes opp. Det kan ta et minutt.",
        "Je account wordt aangemaakt. Dat kan een minuutje duren."),
    "Progress": ("Fremskridt", "Framdrift", "Voortgang"),
    "Kollega": ("Kollega", "Kollega", "Kollega"),
    "Connected": ("Forbundet", "Tilkoblet", "Verbonden"),
    "Offline: messages wait and go out later": (
        "Offline: beskeder venter og sendes senere", "Frakoblet: meldinger venter og sendes senere",
        "Offline: berichten wachten en gaan later weg"),
    "Settings": ("Indstillinger", "Innstillinger", "Instellingen"),
    "Safety": ("Hjælp nu", "Hjelp nå", "Hulp nu"),
    "Safety: emergency and crisis numbers": (
        "Hjælp nu: nød- og krisenumre", "Hjelp nå: nød- og krisenumre", "Hulp nu: nood- en crisisnummers"),
    "Help right now": ("Hjælp lige nu", "Hjelp med en gang", "Direct hulp"),
    "If you or someone else is in danger, call your local emergency number: 112.": (
        "Hvis du eller en anden er i fare, så ring til alarmnummeret: 112.",
        "Hvis du eller noen andre er i fare, ring nødnummeret: 112.",
        "Ben jij of is iemand anders in gevaar, bel dan het alarmnummer: 112."),
    "If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.": (
        "Hvis du har tanker om at tage dit liv, så ring til en krisetelefon eller din egen læge i dag. Du behøver ikke at vente på en hjælper her.",
        "Hvis du har tanker om å ta livet ditt, ring en krisetelefon eller fastlegen din i dag. Du trenger ikke å vente på en hjelper her.",
        "Denk je aan zelfdoding, bel dan vandaag een crisislijn of je eigen huisarts. Je hoeft hier niet op een hulpverlener te wachten."),
    "The message could not be saved. Please try again.": (
        "Beskeden kunne ikke gemmes. Prøv igen.", "Meldingen kunne ikke lagres. Prøv igjen.",
        "Het bericht kon niet worden bewaard. Probeer het opnieuw."),
    "Close": ("Luk", "Lukk", "Sluiten"),
    "Language": ("Sprog", "Språk", "Taal"),
    "Lock Kollega after this many minutes without use (0: never)": (
        "Lås Kollega efter så mange minutter uden brug (0: aldrig)",
        "Lås Kollega etter så mange minutter uten bruk (0: aldri)",
        "Kollega vergrendelen na zoveel minuten zonder gebruik (0: nooit)"),
    "Minutes before Kollega locks itself": (
        "Minutter, før Kollega låser sig selv", "Minutter før Kollega låser seg selv",
        "Minuten voordat Kollega zichzelf vergrendelt"),
    "Lock now": ("Lås nu", "Lås nå", "Nu vergrendelen"),
    "Your account number, for someone who wants to write to you:": (
        "Dit kontonummer, til den, der vil skrive til dig:", "Kontonummeret ditt, til den som vil skrive til deg:",
        "Je accountnummer, voor wie jou wil schrijven:"),
    "Your account number": ("Dit kontonummer", "Kontonummeret ditt", "Je accountnummer"),
    "Kollega is locked": ("Kollega er låst", "Kollega er låst", "Kollega is vergrendeld"),
    "Type your passphrase to open your conversations.": (
        "Skriv din adgangssætning for at åbne dine samtaler.", "Skriv passordfrasen din for å åpne samtalene dine.",
        "Typ je wachtzin om je gesprekken te openen."),
    "Unlock": ("Lås op", "Lås opp", "Ontgrendelen"),
    "Choose a passphrase of at least %1 characters.": (
        "Vælg en adgangssætning på mindst %1 tegn.", "Velg en passordfrase på minst %1 tegn.",
        "Kies een wachtzin van minstens %1 tekens."),
    "The two passphrases are not the same.": (
        "De to adgangssætninger er ikke ens.", "De to passordfrasene er ikke like.",
        "De twee wachtzinnen zijn niet hetzelfde."),
    "Type the code shown on your other device.": (
        "Skriv koden, der vises på din anden enhed.", "Skriv koden som vises på den andre enheten din.",
        "Typ de code die je andere apparaat laat zien."),
    "Type your passphrase.": ("Skriv din adgangssætning.", "Skriv passordfrasen din.", "Typ je wachtzin."),
    "That passphrase is not right. Nothing was changed; try again.": (
        "Adgangssætningen er ikke rigtig. Intet er ændret; prøv igen.",
        "Passordfrasen er ikke riktig. Ingenting er endret; prøv igjen.",
        "Die wachtzin klopt niet. Er is niets veranderd; probeer het opnieuw."),
    "The app could not open its data: %1": (
        "Appen kunne ikke åbne sine data: %1", "Appen kunne ikke åpne dataene sine: %1",
        "De app kon zijn gegevens niet openen: %1"),
    "Could not reach the Kollega service: %1": (
        "Kunne ikke få forbindelse til Kollega: %1", "Fikk ikke kontakt med Kollega: %1",
        "Kon Kollega niet bereiken: %1"),
}
ENGLISH_PLURALS = {
    "Conversation %1, %n new message(s)": ("Conversation %1, %n new message", "Conversation %1, %n new messages"),
}
LANGS = {"da": 0, "nb": 1, "nl": 2}


def load_area_texts():
    for path in sorted(glob.glob(os.path.join(HERE, "texts_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for source in module.T:
            if source in T and T[source] != module.T[source]:
                print(f"{path}: {source!r} differs from another area's translation", file=sys.stderr)
        T.update(module.T)
        ENGLISH_PLURALS.update(getattr(module, "ENGLISH_PLURALS", {}))


def fill(lang):
    path = os.path.join(HERE, f"kollega_{lang}.ts")
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        tr = message.find("translation")
        if tr.get("type") not in ("unfinished", None) or (tr.text or len(tr)):
            if tr.get("type") != "unfinished":
                continue
        if lang == "en":
            forms = ENGLISH_PLURALS.get(source)
            if forms is None:
                continue
        elif source in T:
            forms = T[source][LANGS[lang]]
        else:
            missing.append(source)
            continue
        for child in list(tr):
            tr.remove(child)
        if message.get("numerus") == "yes":
            tr.text = None
            for form in forms:
                ET.SubElement(tr, "numerusform").text = form
        else:
            tr.text = forms
        tr.attrib.pop("type", None)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    load_area_texts()
    missing = {lang: fill(lang) for lang in ("en", "da", "nb", "nl")}
    for lang, texts in missing.items():
        for text in texts:
            print(f"{lang}: no translation for {text!r}", file=sys.stderr)
    sys.exit(1 if any(missing.values()) else 0)
