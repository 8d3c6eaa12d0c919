"""Devices and trust, notifications (apps/desktop: Devices.qml, the dialogs
LinkDeviceDialog, SafetyNumberDialog, IdentityChangeDialog, the safety
number in Chat.qml; trust_controller.cpp, notifier.cpp).
source text -> (da, nb, nl); see fill_translations.py."""

T = {
    "Devices": ("Enheder", "Enheter", "Apparaten"),
    "The computers and phones that use your account. Unlink one you no longer use or do not recognise.": (
        "De computere og telefoner, der bruger din konto. Frakobl en, du ikke bruger mere eller ikke genkender.",
        "Datamaskinene og telefonene som bruker kontoen din. Koble fra en du ikke bruker lenger eller ikke kjenner igjen.",
        "De computers en telefoons die je account gebruiken. Ontkoppel er een die je niet meer gebruikt of niet herkent."),
    "This computer is no longer linked to your account. It cannot send or receive messages any more.": (
        "Denne computer er ikke længere forbundet med din konto. Den kan ikke sende eller modtage beskeder mere.",
        "Denne datamaskinen er ikke lenger koblet til kontoen din. Den kan ikke sende eller motta meldinger lenger.",
        "Deze computer is niet meer aan je account gekoppeld. Hij kan geen berichten meer versturen of ontvangen."),
    "%1 (this computer)": ("%1 (denne computer)", "%1 (denne datamaskinen)", "%1 (deze computer)"),
    "Linked %1": ("Forbundet %1", "Tilkoblet %1", "Gekoppeld op %1"),
    "Not seen yet": ("Ikke set endnu", "Ikke sett ennå", "Nog niet gezien"),
    "Last seen %1": ("Sidst set %1", "Sist sett %1", "Laatst gezien op %1"),
    "Unlink": ("Frakobl", "Koble fra", "Ontkoppelen"),
    "Unlink %1": ("Frakobl %1", "Koble fra %1", "%1 ontkoppelen"),
    "Unlink %1?": ("Frakobl %1?", "Koble fra %1?", "%1 ontkoppelen?"),
    "Unlink this computer?": ("Frakobl denne computer?", "Koble fra denne datamaskinen?", "Deze computer ontkoppelen?"),
    "This computer can no longer connect to Kollega, and what it shows now stays only here. To use Kollega here again, you would need to link it again from another device of yours.": (
        "Denne computer kan ikke længere få forbindelse til Kollega, og det, den viser nu, findes kun her. For at bruge Kollega her igen skal du forbinde den på ny fra en anden af dine enheder.",
        "Denne datamaskinen kan ikke lenger koble seg til Kollega, og det den viser nå, finnes bare her. For å bruke Kollega her igjen må du koble den til på nytt fra en annen av enhetene dine.",
        "Deze computer kan dan geen verbinding meer maken met Kollega, en wat hij nu laat zien, staat alleen nog hier. Om Kollega hier weer te gebruiken, moet je hem opnieuw koppelen vanaf een ander apparaat van jou."),
    "%1 can no longer send or receive messages for your account. What is stored on it stays there until it is removed on that device.": (
        "%1 kan ikke længere sende eller modtage beskeder for din konto. Det, der er gemt på den, bliver der, indtil det fjernes på den enhed.",
        "%1 kan ikke lenger sende eller motta meldinger for kontoen din. Det som er lagret der, blir værende til det slettes på den enheten.",
        "%1 kan dan geen berichten meer versturen of ontvangen voor je account. Wat erop bewaard is, blijft daar tot het op dat apparaat wordt verwijderd."),
    "Cancel": ("Annuller", "Avbryt", "Annuleren"),
    "Link another device": ("Forbind en anden enhed", "Koble til en annen enhet", "Een ander apparaat koppelen"),
    "On the new device, choose \"Link this computer\" and scan or type this code.": (
        "Vælg \"Forbind denne computer\" på den nye enhed, og scan eller skriv denne kode.",
        "Velg «Koble til denne datamaskinen» på den nye enheten, og skann eller skriv inn denne koden.",
        "Kies op het nieuwe apparaat \"Deze computer koppelen\" en scan of typ deze code."),
    "Whoever has this code can join your account while it is valid. Show it only to your own device, and close this window when you are done.": (
        "Den, der har denne kode, kan komme ind på din konto, så længe den gælder. Vis den kun til din egen enhed, og luk vinduet, når du er færdig.",
        "Den som har denne koden, kan koble seg til kontoen din så lenge den gjelder. Vis den bare til din egen enhet, og lukk vinduet når du er ferdig.",
        "Wie deze code heeft, kan bij je account zolang hij geldig is. Laat hem alleen aan je eigen apparaat zien en sluit dit venster als je klaar bent."),
    "Making a code": ("Laver en kode", "Lager en kode", "Code wordt gemaakt"),
    "The linking code as a QR code": ("Forbindelseskoden som QR-kode", "Tilkoblingskoden som QR-kode", "De koppelcode als QR-code"),
    "The linking code": ("Forbindelseskoden", "Tilkoblingskoden", "De koppelcode"),
    "Working out the safety number…": ("Regner sikkerhedsnummeret ud …", "Regner ut sikkerhetsnummeret …", "Veiligheidsnummer wordt berekend…"),
    "Safety number: %1": ("Sikkerhedsnummer: %1", "Sikkerhetsnummer: %1", "Veiligheidsnummer: %1"),
    "The safety number as a QR code": ("Sikkerhedsnummeret som QR-kode", "Sikkerhetsnummeret som QR-kode", "Het veiligheidsnummer als QR-code"),
    "Safety number": ("Sikkerhedsnummer", "Sikkerhetsnummer", "Veiligheidsnummer"),
    "Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, your conversation is private: nobody is in between.": (
        "Sammenlign tallene med din kontakt, når I ses, eller i et opkald, du stoler på. Er de ens på begge skærme, er jeres samtale privat: ingen sidder imellem.",
        "Sammenlign tallene med kontakten din, når dere møtes, eller i en samtale du stoler på. Er de like på begge skjermene, er samtalen privat: ingen er imellom.",
        "Vergelijk deze nummers met je contact, in het echt of in een gesprek dat je vertrouwt. Zijn ze op beide schermen hetzelfde, dan is jullie gesprek privé: niemand zit ertussen."),
    "Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, nobody is in between.": (
        "Sammenlign tallene med din kontakt, når I ses, eller i et opkald, du stoler på. Er de ens på begge skærme, sidder ingen imellem.",
        "Sammenlign tallene med kontakten din, når dere møtes, eller i en samtale du stoler på. Er de like på begge skjermene, er ingen imellom.",
        "Vergelijk deze nummers met je contact, in het echt of in een gesprek dat je vertrouwt. Zijn ze op beide schermen hetzelfde, dan zit niemand ertussen."),
    "Compare the new safety number": ("Sammenlign det nye sikkerhedsnummer", "Sammenlign det nye sikkerhetsnummeret", "Vergelijk het nieuwe veiligheidsnummer"),
    "Safety number changed": ("Sikkerhedsnummeret er ændret", "Sikkerhetsnummeret er endret", "Veiligheidsnummer veranderd"),
    "Accept the new safety number": ("Godkend det nye sikkerhedsnummer", "Godta det nye sikkerhetsnummeret", "Het nieuwe veiligheidsnummer accepteren"),
    "Not now": ("Ikke nu", "Ikke nå", "Niet nu"),
    "Done": ("Færdig", "Ferdig", "Klaar"),
    "The safety number with contact %1 has changed. This happens when they use Kollega on a new device or set it up again, but it can also mean that someone is trying to come in between.": (
        "Sikkerhedsnummeret med kontakt %1 er ændret. Det sker, når vedkommende bruger Kollega på en ny enhed eller har sat den op igen, men det kan også betyde, at nogen prøver at komme imellem.",
        "Sikkerhetsnummeret med kontakt %1 er endret. Det skjer når vedkommende bruker Kollega på en ny enhet eller har satt den opp på nytt, men det kan også bety at noen prøver å komme imellom.",
        "Het veiligheidsnummer met contact %1 is veranderd. Dat gebeurt als die Kollega op een nieuw apparaat gebruikt of opnieuw heeft ingesteld, maar het kan ook betekenen dat iemand ertussen probeert te komen."),
    "Until you accept the new safety number, you cannot send messages to this contact, and their new messages wait. If you are not sure, ask them first in another way.": (
        "Indtil du godkender det nye sikkerhedsnummer, kan du ikke sende beskeder til denne kontakt, og nye beskeder derfra venter. Er du i tvivl, så spørg vedkommende først på en anden måde.",
        "Til du godtar det nye sikkerhetsnummeret, kan du ikke sende meldinger til denne kontakten, og nye meldinger derfra venter. Er du usikker, spør vedkommende først på en annen måte.",
        "Tot je het nieuwe veiligheidsnummer accepteert, kun je dit contact geen berichten sturen en wachten nieuwe berichten van hen. Twijfel je, vraag het dan eerst op een andere manier."),
    "Verify safety number": ("Bekræft sikkerhedsnummer", "Bekreft sikkerhetsnummer", "Veiligheidsnummer controleren"),
    "The safety number with this contact changed. Sending is paused until you accept the new one.": (
        "Sikkerhedsnummeret med denne kontakt er ændret. Du kan ikke sende, før du godkender det nye.",
        "Sikkerhetsnummeret med denne kontakten er endret. Du kan ikke sende før du godtar det nye.",
        "Het veiligheidsnummer met dit contact is veranderd. Versturen staat stil tot je het nieuwe accepteert."),
    "Review": ("Se nærmere", "Se nærmere", "Bekijken"),
    "Review the changed safety number": ("Se det ændrede sikkerhedsnummer", "Se det endrede sikkerhetsnummeret", "Het veranderde veiligheidsnummer bekijken"),
    "The device could not be unlinked: %1": ("Enheden kunne ikke frakobles: %1", "Enheten kunne ikke kobles fra: %1", "Het apparaat kon niet worden ontkoppeld: %1"),
    "No code could be made: %1": ("Der kunne ikke laves en kode: %1", "Det kunne ikke lages en kode: %1", "Er kon geen code worden gemaakt: %1"),
    "The safety number is not known yet: %1": ("Sikkerhedsnummeret kendes ikke endnu: %1", "Sikkerhetsnummeret er ikke kjent ennå: %1", "Het veiligheidsnummer is nog niet bekend: %1"),
    "The new safety number could not be accepted: %1": (
        "Det nye sikkerhedsnummer kunne ikke godkendes: %1", "Det nye sikkerhetsnummeret kunne ikke godtas: %1",
        "Het nieuwe veiligheidsnummer kon niet worden geaccepteerd: %1"),
    "Open Kollega": ("Åbn Kollega", "Åpne Kollega", "Kollega openen"),
    "Quit": ("Afslut", "Avslutt", "Afsluiten"),
    "New message in Kollega": ("Ny besked i Kollega", "Ny melding i Kollega", "Nieuw bericht in Kollega"),
    "Kollega: %n unread": (
        ("Kollega: %n ulæst", "Kollega: %n ulæste"),
        ("Kollega: %n ulest", "Kollega: %n uleste"),
        ("Kollega: %n ongelezen", "Kollega: %n ongelezen")),
}

ENGLISH_PLURALS = {
    "Kollega: %n unread": ("Kollega: %n unread", "Kollega: %n unread"),
}
