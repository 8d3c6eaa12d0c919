<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
<context>
    <name />
    <message>
        <source>That is not an organisation's card. Check that you copied all of it: it starts with kollega://org?</source>
        <translation>Dat is geen kaart van een organisatie. Kijk of je alles hebt gekopieerd: het begint met kollega://org?</translation>
    </message>
    <message>
        <source>This card is for an organisation on another Kollega service than your account's. Ask the organisation for the card for your service.</source>
        <translation>Deze kaart hoort bij een organisatie op een andere Kollega-dienst dan die van je account. Vraag de organisatie om de kaart voor jouw dienst.</translation>
    </message>
    <message>
        <source>The Kollega service could not be reached. Check your connection and try again.</source>
        <translation>De Kollega-dienst was niet bereikbaar. Controleer je verbinding en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The organisation has not published its details yet. Try again later.</source>
        <translation>De organisatie heeft haar gegevens nog niet gepubliceerd. Probeer het later nog eens.</translation>
    </message>
    <message>
        <source>The organisation's details did not pass the check against its card, so nothing was changed.</source>
        <translation>De gegevens van de organisatie kwamen niet overeen met haar kaart, dus er is niets veranderd.</translation>
    </message>
    <message>
        <source>Could not join the organisation: %1</source>
        <translation>Aansluiten bij de organisatie lukte niet: %1</translation>
    </message>
</context>
<context>
    <name>CaseChat</name>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Back to the cases</source>
        <translation>Terug naar de casussen</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Casus</translation>
    </message>
    <message>
        <source>Case with seeker %1</source>
        <translation>Casus met hulpvrager %1</translation>
    </message>
    <message>
        <source>Case with %1</source>
        <translation>Casus met %1</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>Casus sluiten</translation>
    </message>
    <message>
        <source>Close this case and wipe it</source>
        <translation>Sluit deze casus en wis hem</translation>
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation>%1 van %2 gesprekken</translation>
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation>%1 van %2 minuten steun</translation>
    </message>
    <message>
        <source>This case is no longer here.</source>
        <translation>Deze casus is er niet meer.</translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Refer the seeker on with a resource card.</source>
        <translation>De grens van de organisatie voor deze casus is bereikt. Verwijs de hulpvrager door met een hulpkaart.</translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Your helper can point you to further help.</source>
        <translation>De grens van de organisatie voor deze casus is bereikt. Je helper kan je naar verdere hulp wijzen.</translation>
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation>Deze casus nadert de grens van de organisatie.</translation>
    </message>
    <message>
        <source>The other side closed this case. Close it here too to wipe it from this computer.</source>
        <translation>De ander heeft deze casus gesloten. Sluit hem hier ook om hem van deze computer te wissen.</translation>
    </message>
    <message>
        <source>Take this case</source>
        <translation>Neem deze casus aan</translation>
    </message>
    <message>
        <source>Share a resource card</source>
        <translation>Deel een hulpkaart</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Overdragen</translation>
    </message>
    <message>
        <source>Ask the seeker to hand the case over to another helper</source>
        <translation>Vraag de hulpvrager of de casus naar een andere helper mag</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Nieuw gesprek</translation>
    </message>
    <message>
        <source>Count your next message as a new conversation</source>
        <translation>Tel je volgende bericht als een nieuw gesprek</translation>
    </message>
    <message>
        <source>Support time in minutes</source>
        <translation>Steuntijd in minuten</translation>
    </message>
    <message>
        <source>Correct support time</source>
        <translation>Steuntijd corrigeren</translation>
    </message>
    <message>
        <source>Your helper suggests that %1 takes over your case. If you agree, a new case starts with them, and only what you write below is passed on.</source>
        <translation>Je helper stelt voor dat %1 je casus overneemt. Als je akkoord gaat, begint er een nieuwe casus met die persoon, en alleen wat je hieronder schrijft wordt doorgegeven.</translation>
    </message>
    <message>
        <source>another helper</source>
        <translation>een andere helper</translation>
    </message>
    <message>
        <source>What the new helper may know (optional)</source>
        <translation>Wat de nieuwe helper mag weten (niet verplicht)</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Akkoord</translation>
    </message>
    <message>
        <source>Agree to the handover</source>
        <translation>Ga akkoord met de overdracht</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Liever niet</translation>
    </message>
    <message>
        <source>Decline the handover and stay with your helper</source>
        <translation>Wijs de overdracht af en blijf bij je helper</translation>
    </message>
    <message>
        <source>The organisation is closed now. Your message waits until a helper answers.</source>
        <translation>De organisatie is nu gesloten. Je bericht wacht tot een helper antwoordt.</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Schrijf een bericht</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation>Het veiligheidsnummer met dit contact is veranderd. Versturen staat stil tot je het nieuwe accepteert.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Bekijken</translation>
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation>Het veranderde veiligheidsnummer bekijken</translation>
    </message>
</context>
<context>
    <name>CaseCloseDialog</name>
    <message>
        <source>Close this case?</source>
        <translation>Deze casus sluiten?</translation>
    </message>
    <message>
        <source>Close and wipe</source>
        <translation>Sluiten en wissen</translation>
    </message>
    <message>
        <source>Close the case and wipe it from this computer</source>
        <translation>Sluit de casus en wis hem van deze computer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The case and its messages are wiped from this computer, and the other side is told it is closed.</source>
        <translation>De casus en de berichten worden van deze computer gewist, en de ander hoort dat hij gesloten is.</translation>
    </message>
    <message>
        <source>What the case was about (for the organisation's statistics, nothing else is kept):</source>
        <translation>Waar de casus over ging (voor de statistiek van de organisatie, verder wordt niets bewaard):</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>This was heavy</source>
        <translation>Dit was zwaar</translation>
    </message>
</context>
<context>
    <name>CaseEntriesList</name>
    <message>
        <source>Resource card: %1</source>
        <translation>Hulpkaart: %1</translation>
    </message>
    <message>
        <source>You shared a resource card</source>
        <translation>Je hebt een hulpkaart gedeeld</translation>
    </message>
    <message>
        <source>Your helper shared a resource card</source>
        <translation>Je helper heeft een hulpkaart gedeeld</translation>
    </message>
    <message>
        <source>Hours: %1</source>
        <translation>Open: %1</translation>
    </message>
</context>
<context>
    <name>CaseHandoverDialog</name>
    <message>
        <source>Hand over to another helper</source>
        <translation>Overdragen aan een andere helper</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>There is no other helper in this organisation.</source>
        <translation>Er is geen andere helper in deze organisatie.</translation>
    </message>
    <message>
        <source>The seeker is asked first. The other helper hears nothing unless the seeker agrees.</source>
        <translation>De hulpvrager wordt eerst gevraagd. De andere helper hoort niets, tenzij de hulpvrager akkoord gaat.</translation>
    </message>
    <message>
        <source>Ask to hand over to %1</source>
        <translation>Vraag om over te dragen aan %1</translation>
    </message>
</context>
<context>
    <name>CaseReferDialog</name>
    <message>
        <source>Share a resource card</source>
        <translation>Deel een hulpkaart</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The organisation has no resource cards.</source>
        <translation>De organisatie heeft geen hulpkaarten.</translation>
    </message>
    <message>
        <source>Share %1</source>
        <translation>Deel %1</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>Offered to you: the first helper to take it has it</source>
        <translation>Aan je aangeboden: de eerste helper die hem aanneemt, heeft hem</translation>
    </message>
    <message>
        <source>Waiting for a helper to take it</source>
        <translation>Wacht tot een helper hem aanneemt</translation>
    </message>
    <message>
        <source>Closed by the other side</source>
        <translation>Gesloten door de ander</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>You are available for new cases.</source>
        <translation>Je bent beschikbaar voor nieuwe casussen.</translation>
    </message>
    <message>
        <source>You are away until %1.</source>
        <translation>Je bent weg tot %1.</translation>
    </message>
    <message>
        <source>You are away.</source>
        <translation>Je bent weg.</translation>
    </message>
    <message>
        <source>You show as full: you have as many open cases as the organisation allows. This changes by itself when a case closes.</source>
        <translation>Je staat als vol: je hebt zoveel open casussen als de organisatie toestaat. Dat verandert vanzelf als er een casus sluit.</translation>
    </message>
    <message>
        <source>You have not said whether you are available.</source>
        <translation>Je hebt nog niet gezegd of je beschikbaar bent.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casussen</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <source>Set yourself available</source>
        <translation>Zet jezelf op beschikbaar</translation>
    </message>
    <message>
        <source>Away for</source>
        <translation>Weg voor</translation>
    </message>
    <message>
        <source>Days away</source>
        <translation>Dagen weg</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dagen</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Weg</translation>
    </message>
    <message>
        <source>Set yourself away for the chosen days</source>
        <translation>Zet jezelf op weg voor de gekozen dagen</translation>
    </message>
    <message>
        <source>That was a heavy case. Take a moment, and talk it through with a colleague or your contact person.</source>
        <translation>Dat was een zware casus. Neem even de tijd en bespreek hem met een collega of je contactpersoon.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Close the debrief reminder</source>
        <translation>Sluit de herinnering om na te praten</translation>
    </message>
    <message>
        <source>No cases. A case starts when you ask an organisation's helper for support (under Find help).</source>
        <translation>Geen casussen. Een casus begint als je een helper van een organisatie om steun vraagt (onder Hulp zoeken).</translation>
    </message>
    <message>
        <source>Seeker %1</source>
        <translation>Hulpvrager %1</translation>
    </message>
    <message>
        <source>Any available helper</source>
        <translation>De eerste beschikbare helper</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n nieuw</numerusform>
            <numerusform>%n nieuw</numerusform>
        </translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>sinds %1</translation>
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation>%1 van %2 gesprekken</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n gesprek</numerusform>
            <numerusform>%n gesprekken</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation>%1 van %2 minuten steun</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) of support</source>
        <translation>
            <numerusform>%n minuut steun</numerusform>
            <numerusform>%n minuten steun</numerusform>
        </translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached.</source>
        <translation>De grens van de organisatie voor deze casus is bereikt.</translation>
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation>Deze casus nadert de grens van de organisatie.</translation>
    </message>
    <message>
        <source>Handover asked</source>
        <translation>Overdracht gevraagd</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>Waiting to send</source>
        <translation>Wacht op verzenden</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Verzonden</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Afgeleverd</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelezen</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Terug naar de gesprekken</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Gesprek %1</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Schrijf een bericht</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>The message could not be saved. Please try again.</source>
        <translation>Het bericht kon niet worden bewaard. Probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Verify safety number</source>
        <translation>Veiligheidsnummer controleren</translation>
    </message>
    <message>
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation>Het veiligheidsnummer met dit contact is veranderd. Versturen staat stil tot je het nieuwe accepteert.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Bekijken</translation>
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation>Het veranderde veiligheidsnummer bekijken</translation>
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <source>Conversations</source>
        <translation>Gesprekken</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Nog geen gesprekken.</translation>
    </message>
    <message numerus="yes">
        <source>Conversation %1, %n new message(s)</source>
        <translation>
            <numerusform>Gesprek %1, %n nieuw bericht</numerusform>
            <numerusform>Gesprek %1, %n nieuwe berichten</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Gesprek %1</translation>
    </message>
    <message>
        <source>Account number of the person to write to</source>
        <translation>Accountnummer van degene aan wie je wilt schrijven</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Schrijven</translation>
    </message>
    <message>
        <source>Start the conversation</source>
        <translation>Begin het gesprek</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <source>Devices</source>
        <translation>Apparaten</translation>
    </message>
    <message>
        <source>The computers and phones that use your account. Unlink one you no longer use or do not recognise.</source>
        <translation>De computers en telefoons die je account gebruiken. Ontkoppel er een die je niet meer gebruikt of niet herkent.</translation>
    </message>
    <message>
        <source>This computer is no longer linked to your account. It cannot send or receive messages any more.</source>
        <translation>Deze computer is niet meer aan je account gekoppeld. Hij kan geen berichten meer versturen of ontvangen.</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (deze computer)</translation>
    </message>
    <message>
        <source>Linked %1</source>
        <translation>Gekoppeld op %1</translation>
    </message>
    <message>
        <source>Not seen yet</source>
        <translation>Nog niet gezien</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>Laatst gezien op %1</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Ontkoppelen</translation>
    </message>
    <message>
        <source>Unlink %1</source>
        <translation>%1 ontkoppelen</translation>
    </message>
    <message>
        <source>Link another device</source>
        <translation>Een ander apparaat koppelen</translation>
    </message>
    <message>
        <source>Unlink this computer?</source>
        <translation>Deze computer ontkoppelen?</translation>
    </message>
    <message>
        <source>Unlink %1?</source>
        <translation>%1 ontkoppelen?</translation>
    </message>
    <message>
        <source>This computer can no longer connect to Kollega, and what it shows now stays only here. To use Kollega here again, you would need to link it again from another device of yours.</source>
        <translation>Deze computer kan dan geen verbinding meer maken met Kollega, en wat hij nu laat zien, staat alleen nog hier. Om Kollega hier weer te gebruiken, moet je hem opnieuw koppelen vanaf een ander apparaat van jou.</translation>
    </message>
    <message>
        <source>%1 can no longer send or receive messages for your account. What is stored on it stays there until it is removed on that device.</source>
        <translation>%1 kan dan geen berichten meer versturen of ontvangen voor je account. Wat erop bewaard is, blijft daar tot het op dat apparaat wordt verwijderd.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Kollega</source>
        <translation>Welkom bij Kollega</translation>
    </message>
    <message>
        <source>Talk in confidence with a trained colleague. No name, no phone number, no e-mail: your account is a random number made on this computer.</source>
        <translation>Praat in vertrouwen met een getrainde collega. Geen naam, geen telefoonnummer, geen e-mail: je account is een willekeurig nummer dat op deze computer wordt gemaakt.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nieuw account</translation>
    </message>
    <message>
        <source>Link this computer</source>
        <translation>Deze computer koppelen</translation>
    </message>
    <message>
        <source>Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.</source>
        <translation>Kies een wachtzin. Die beschermt wat Kollega op deze computer bewaart. Niemand kan hem voor je terughalen.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>Dezelfde wachtzin nog een keer</translation>
    </message>
    <message>
        <source>The code shown on your other device</source>
        <translation>De code die je andere apparaat laat zien</translation>
    </message>
    <message>
        <source>Create my account</source>
        <translation>Mijn account aanmaken</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <source>Setting up your account. This can take a minute.</source>
        <translation>Je account wordt aangemaakt. Dat kan een minuutje duren.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <source>From a picture of the QR code …</source>
        <translation>Van een foto van de QR-code …</translation>
    </message>
    <message>
        <source>A picture of the QR code on your other device</source>
        <translation>Een foto van de QR-code op je andere apparaat</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>IdentityChangeDialog</name>
    <message>
        <source>Compare the new safety number</source>
        <translation>Vergelijk het nieuwe veiligheidsnummer</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>Veiligheidsnummer veranderd</translation>
    </message>
    <message>
        <source>Accept the new safety number</source>
        <translation>Het nieuwe veiligheidsnummer accepteren</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Niet nu</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>The safety number with contact %1 has changed. This happens when they use Kollega on a new device or set it up again, but it can also mean that someone is trying to come in between.</source>
        <translation>Het veiligheidsnummer met contact %1 is veranderd. Dat gebeurt als die Kollega op een nieuw apparaat gebruikt of opnieuw heeft ingesteld, maar het kan ook betekenen dat iemand ertussen probeert te komen.</translation>
    </message>
    <message>
        <source>Until you accept the new safety number, you cannot send messages to this contact, and their new messages wait. If you are not sure, ask them first in another way.</source>
        <translation>Tot je het nieuwe veiligheidsnummer accepteert, kun je dit contact geen berichten sturen en wachten nieuwe berichten van hen. Twijfel je, vraag het dan eerst op een andere manier.</translation>
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, nobody is in between.</source>
        <translation>Vergelijk deze nummers met je contact, in het echt of in een gesprek dat je vertrouwt. Zijn ze op beide schermen hetzelfde, dan zit niemand ertussen.</translation>
    </message>
</context>
<context>
    <name>LinkDeviceDialog</name>
    <message>
        <source>Link another device</source>
        <translation>Een ander apparaat koppelen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>On the new device, choose "Link this computer" and scan or type this code.</source>
        <translation>Kies op het nieuwe apparaat "Deze computer koppelen" en scan of typ deze code.</translation>
    </message>
    <message>
        <source>Whoever has this code can join your account while it is valid. Show it only to your own device, and close this window when you are done.</source>
        <translation>Wie deze code heeft, kan bij je account zolang hij geldig is. Laat hem alleen aan je eigen apparaat zien en sluit dit venster als je klaar bent.</translation>
    </message>
    <message>
        <source>Making a code</source>
        <translation>Code wordt gemaakt</translation>
    </message>
    <message>
        <source>The linking code as a QR code</source>
        <translation>De koppelcode als QR-code</translation>
    </message>
    <message>
        <source>The linking code</source>
        <translation>De koppelcode</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Kollega</source>
        <translation>Kollega</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbonden</translation>
    </message>
    <message>
        <source>Offline: messages wait and go out later</source>
        <translation>Offline: berichten wachten en gaan later weg</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Gesprekken</translation>
    </message>
    <message>
        <source>Find help</source>
        <translation>Hulp zoeken</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Casussen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Apparaten</translation>
    </message>
</context>
<context>
    <name>Organisations</name>
    <message>
        <source>Find help</source>
        <translation>Hulp zoeken</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>Vrouw</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>Man</translation>
    </message>
    <message>
        <source>Public sector</source>
        <translation>Publieke sector</translation>
    </message>
    <message>
        <source>Private practice</source>
        <translation>Eigen praktijk</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Arts</translation>
    </message>
    <message>
        <source>Dentist</source>
        <translation>Tandarts</translation>
    </message>
    <message>
        <source>GP</source>
        <translation>Huisarts</translation>
    </message>
    <message>
        <source>Midwife</source>
        <translation>Verloskundige</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Verpleegkundige</translation>
    </message>
    <message>
        <source>Psychologist</source>
        <translation>Psycholoog</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Beschikbaar</translation>
    </message>
    <message>
        <source>Away until %1</source>
        <translation>Weg tot %1</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Weg</translation>
    </message>
    <message>
        <source>Full: not taking new cases right now</source>
        <translation>Vol: neemt nu geen nieuwe zaken aan</translation>
    </message>
    <message>
        <source>Availability not known</source>
        <translation>Niet bekend of deze helper beschikbaar is</translation>
    </message>
    <message>
        <source>Join your organisation with the link or code it gave you, or with a picture of its QR code.</source>
        <translation>Sluit je aan bij je organisatie met de link of code die je kreeg, of met een foto van de QR-code.</translation>
    </message>
    <message>
        <source>kollega://org?… or the code</source>
        <translation>kollega://org?… of de code</translation>
    </message>
    <message>
        <source>The organisation's link or code</source>
        <translation>De link of code van de organisatie</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Aansluiten</translation>
    </message>
    <message>
        <source>Join the organisation</source>
        <translation>Aansluiten bij de organisatie</translation>
    </message>
    <message>
        <source>From a QR image…</source>
        <translation>Uit een QR-afbeelding…</translation>
    </message>
    <message>
        <source>Join from a picture of the QR code</source>
        <translation>Aansluiten met een foto van de QR-code</translation>
    </message>
    <message>
        <source>open now</source>
        <translation>nu open</translation>
    </message>
    <message>
        <source>closed now; opens again at %1</source>
        <translation>nu gesloten; gaat weer open op %1</translation>
    </message>
    <message>
        <source>closed now</source>
        <translation>nu gesloten</translation>
    </message>
    <message>
        <source>Any organisation</source>
        <translation>Elke organisatie</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>Elke regio</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regio</translation>
    </message>
    <message>
        <source>Any profession</source>
        <translation>Elk beroep</translation>
    </message>
    <message>
        <source>Profession</source>
        <translation>Beroep</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Elke taal</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Any gender</source>
        <translation>Elk geslacht</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Geslacht</translation>
    </message>
    <message>
        <source>Any sector</source>
        <translation>Elke sector</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Available only</source>
        <translation>Alleen beschikbaar</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Fetch the directory again</source>
        <translation>De lijst opnieuw ophalen</translation>
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation>Wie het eerst beschikbaar is</translation>
    </message>
    <message>
        <source>Write to whoever of these helpers is available first</source>
        <translation>Schrijf aan wie van deze helpers het eerst beschikbaar is</translation>
    </message>
    <message>
        <source>Helpers: %1</source>
        <translation>Helpers: %1</translation>
    </message>
    <message>
        <source>Write to this helper</source>
        <translation>Schrijf aan deze helper</translation>
    </message>
    <message>
        <source>Write to %1</source>
        <translation>Schrijf aan %1</translation>
    </message>
    <message>
        <source>A picture of the organisation's QR code</source>
        <translation>Een foto van de QR-code van de organisatie</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>OutOfHoursDialog</name>
    <message>
        <source>%1 is closed now</source>
        <translation>%1 is nu gesloten</translation>
    </message>
    <message>
        <source>The organisation is closed now.</source>
        <translation>De organisatie is nu gesloten.</translation>
    </message>
    <message>
        <source>It opens again at %1.</source>
        <translation>Ze gaat weer open op %1.</translation>
    </message>
    <message>
        <source>Your message will wait, and a helper answers when they can. If you need help right now, use the Safety button.</source>
        <translation>Je bericht wacht, en een helper antwoordt zodra het kan. Heb je nu meteen hulp nodig, gebruik dan de knop Hulp nu.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Niet nu</translation>
    </message>
    <message>
        <source>Do not send now</source>
        <translation>Nu niet versturen</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Toch versturen</translation>
    </message>
    <message>
        <source>Send the message anyway</source>
        <translation>Het bericht toch versturen</translation>
    </message>
</context>
<context>
    <name>SafetyButton</name>
    <message>
        <source>Safety</source>
        <translation>Hulp nu</translation>
    </message>
    <message>
        <source>Safety: emergency and crisis numbers</source>
        <translation>Hulp nu: nood- en crisisnummers</translation>
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Help right now</source>
        <translation>Direct hulp</translation>
    </message>
    <message>
        <source>If you or someone else is in danger, call your local emergency number: 112.</source>
        <translation>Ben jij of is iemand anders in gevaar, bel dan het alarmnummer: 112.</translation>
    </message>
    <message>
        <source>If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.</source>
        <translation>Denk je aan zelfdoding, bel dan vandaag een crisislijn of je eigen huisarts. Je hoeft hier niet op een hulpverlener te wachten.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisatie</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Alle landen</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>On-call contact</source>
        <translation>Dienstdoende contactpersoon</translation>
    </message>
</context>
<context>
    <name>SafetyNumberDialog</name>
    <message>
        <source>Safety number</source>
        <translation>Veiligheidsnummer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, your conversation is private: nobody is in between.</source>
        <translation>Vergelijk deze nummers met je contact, in het echt of in een gesprek dat je vertrouwt. Zijn ze op beide schermen hetzelfde, dan is jullie gesprek privé: niemand zit ertussen.</translation>
    </message>
</context>
<context>
    <name>SafetyNumberView</name>
    <message>
        <source>Working out the safety number…</source>
        <translation>Veiligheidsnummer wordt berekend…</translation>
    </message>
    <message>
        <source>Safety number: %1</source>
        <translation>Veiligheidsnummer: %1</translation>
    </message>
    <message>
        <source>The safety number as a QR code</source>
        <translation>Het veiligheidsnummer als QR-code</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Terug naar de gesprekken</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Lock Kollega after this many minutes without use (0: never)</source>
        <translation>Kollega vergrendelen na zoveel minuten zonder gebruik (0: nooit)</translation>
    </message>
    <message>
        <source>Minutes before Kollega locks itself</source>
        <translation>Minuten voordat Kollega zichzelf vergrendelt</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Nu vergrendelen</translation>
    </message>
    <message>
        <source>Your account number, for someone who wants to write to you:</source>
        <translation>Je accountnummer, voor wie jou wil schrijven:</translation>
    </message>
    <message>
        <source>Your account number</source>
        <translation>Je accountnummer</translation>
    </message>
</context>
<context>
    <name>StartCaseDialog</name>
    <message>
        <source>Write to %1</source>
        <translation>Schrijf aan %1</translation>
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation>Wie het eerst beschikbaar is</translation>
    </message>
    <message>
        <source>What is it about? (you may leave this out)</source>
        <translation>Waar gaat het over? (mag je overslaan)</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Geen categorie</translation>
    </message>
    <message>
        <source>Problem category</source>
        <translation>Onderwerp</translation>
    </message>
    <message>
        <source>Your first message</source>
        <translation>Je eerste bericht</translation>
    </message>
    <message>
        <source>A few words about what you would like to talk about</source>
        <translation>Een paar woorden over waar je over wilt praten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Versturen</translation>
    </message>
    <message>
        <source>Send the first message</source>
        <translation>Het eerste bericht versturen</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Kollega is locked</source>
        <translation>Kollega is vergrendeld</translation>
    </message>
    <message>
        <source>Type your passphrase to open your conversations.</source>
        <translation>Typ je wachtzin om je gesprekken te openen.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Bezig</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::AppController</name>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation>Kies een wachtzin van minstens %1 tekens.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De twee wachtzinnen zijn niet hetzelfde.</translation>
    </message>
    <message>
        <source>Type the code shown on your other device.</source>
        <translation>Typ de code die je andere apparaat laat zien.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Typ je wachtzin.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Nothing was changed; try again.</source>
        <translation>Die wachtzin klopt niet. Er is niets veranderd; probeer het opnieuw.</translation>
    </message>
    <message>
        <source>The app could not open its data: %1</source>
        <translation>De app kon zijn gegevens niet openen: %1</translation>
    </message>
    <message>
        <source>Could not reach the Kollega service: %1</source>
        <translation>Kon Kollega niet bereiken: %1</translation>
    </message>
    <message>
        <source>That file could not be opened as an image.</source>
        <translation>Dat bestand kon niet als afbeelding worden geopend.</translation>
    </message>
    <message>
        <source>No linking code was found in that image. Try a sharper picture, or type the code.</source>
        <translation>Er staat geen koppelcode in die afbeelding. Probeer een scherpere foto, of typ de code.</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::CasesController</name>
    <message>
        <source>The message could not be sent: %1</source>
        <translation>Het bericht kon niet worden verstuurd: %1</translation>
    </message>
    <message>
        <source>The case could not be taken: %1</source>
        <translation>De casus kon niet worden aangenomen: %1</translation>
    </message>
    <message>
        <source>The card could not be shared: %1</source>
        <translation>De kaart kon niet worden gedeeld: %1</translation>
    </message>
    <message>
        <source>The handover could not be asked: %1</source>
        <translation>De overdracht kon niet worden gevraagd: %1</translation>
    </message>
    <message>
        <source>The support time could not be corrected: %1</source>
        <translation>De steuntijd kon niet worden gecorrigeerd: %1</translation>
    </message>
    <message>
        <source>A new conversation could not be started: %1</source>
        <translation>Er kon geen nieuw gesprek worden begonnen: %1</translation>
    </message>
    <message>
        <source>Your answer could not be sent: %1</source>
        <translation>Je antwoord kon niet worden verstuurd: %1</translation>
    </message>
    <message>
        <source>The case could not be closed: %1</source>
        <translation>De casus kon niet worden gesloten: %1</translation>
    </message>
    <message>
        <source>Your availability could not be changed: %1</source>
        <translation>Je beschikbaarheid kon niet worden veranderd: %1</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::Notifier</name>
    <message>
        <source>Open Kollega</source>
        <translation>Kollega openen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message numerus="yes">
        <source>Kollega: %n unread</source>
        <translation>
            <numerusform>Kollega: %n ongelezen</numerusform>
            <numerusform>Kollega: %n ongelezen</numerusform>
        </translation>
    </message>
    <message>
        <source>New message in Kollega</source>
        <translation>Nieuw bericht in Kollega</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::OrganisationsController</name>
    <message>
        <source>Write a first message: a few words are enough.</source>
        <translation>Schrijf een eerste bericht: een paar woorden is genoeg.</translation>
    </message>
    <message>
        <source>Choose an organisation first.</source>
        <translation>Kies eerst een organisatie.</translation>
    </message>
    <message>
        <source>The app could not read the organisation's opening hours.</source>
        <translation>De app kon de openingstijden van de organisatie niet lezen.</translation>
    </message>
    <message>
        <source>No helper who matches your choices is available right now. Choose fewer filters, or write to a helper in the list.</source>
        <translation>Er is nu geen helper beschikbaar die bij je keuzes past. Kies minder filters, of schrijf aan een helper uit de lijst.</translation>
    </message>
    <message>
        <source>Your message could not be sent: %1</source>
        <translation>Je bericht kon niet worden verstuurd: %1</translation>
    </message>
    <message>
        <source>Paste or type the organisation's link or code first.</source>
        <translation>Plak of typ eerst de link of code van de organisatie.</translation>
    </message>
    <message>
        <source>You joined %1.</source>
        <translation>Je bent nu aangesloten bij %1.</translation>
    </message>
    <message>
        <source>That file could not be opened as an image.</source>
        <translation>Dat bestand kon niet als afbeelding worden geopend.</translation>
    </message>
    <message>
        <source>No QR code was found in that image. Try a sharper picture, or paste the link instead.</source>
        <translation>Er staat geen QR-code in die afbeelding. Probeer een scherpere foto, of plak de link.</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Vernieuwen lukte niet: %1</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::TrustController</name>
    <message>
        <source>The device could not be unlinked: %1</source>
        <translation>Het apparaat kon niet worden ontkoppeld: %1</translation>
    </message>
    <message>
        <source>No code could be made: %1</source>
        <translation>Er kon geen code worden gemaakt: %1</translation>
    </message>
    <message>
        <source>The safety number is not known yet: %1</source>
        <translation>Het veiligheidsnummer is nog niet bekend: %1</translation>
    </message>
    <message>
        <source>The new safety number could not be accepted: %1</source>
        <translation>Het nieuwe veiligheidsnummer kon niet worden geaccepteerd: %1</translation>
    </message>
</context>
</TS>