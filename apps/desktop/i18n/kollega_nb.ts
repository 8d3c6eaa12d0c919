<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nb_NO">
<context>
    <name />
    <message>
        <source>That is not an organisation's card. Check that you copied all of it: it starts with kollega://org?</source>
        <translation>Det er ikke kortet til en organisasjon. Sjekk at du har kopiert alt: det begynner med kollega://org?</translation>
    </message>
    <message>
        <source>This card is for an organisation on another Kollega service than your account's. Ask the organisation for the card for your service.</source>
        <translation>Dette kortet hører til en organisasjon på en annen Kollega-tjeneste enn kontoen din. Be organisasjonen om kortet for din tjeneste.</translation>
    </message>
    <message>
        <source>The Kollega service could not be reached. Check your connection and try again.</source>
        <translation>Kollega-tjenesten kunne ikke nås. Sjekk tilkoblingen og prøv igjen.</translation>
    </message>
    <message>
        <source>The organisation has not published its details yet. Try again later.</source>
        <translation>Organisasjonen har ikke publisert opplysningene sine ennå. Prøv igjen senere.</translation>
    </message>
    <message>
        <source>The organisation's details did not pass the check against its card, so nothing was changed.</source>
        <translation>Organisasjonens opplysninger stemte ikke med kortet, så ingenting ble endret.</translation>
    </message>
    <message>
        <source>Could not join the organisation: %1</source>
        <translation>Kunne ikke bli med i organisasjonen: %1</translation>
    </message>
</context>
<context>
    <name>CaseChat</name>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Back to the cases</source>
        <translation>Tilbake til sakene</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Sak</translation>
    </message>
    <message>
        <source>Case with seeker %1</source>
        <translation>Sak med søker %1</translation>
    </message>
    <message>
        <source>Case with %1</source>
        <translation>Sak med %1</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>Lukk saken</translation>
    </message>
    <message>
        <source>Close this case and wipe it</source>
        <translation>Lukk saken og slett den</translation>
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation>%1 av %2 samtaler</translation>
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation>%1 av %2 minutter støtte</translation>
    </message>
    <message>
        <source>This case is no longer here.</source>
        <translation>Denne saken er ikke her lenger.</translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Refer the seeker on with a resource card.</source>
        <translation>Organisasjonens grense for denne saken er nådd. Henvis søkeren videre med et ressurskort.</translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Your helper can point you to further help.</source>
        <translation>Organisasjonens grense for denne saken er nådd. Hjelperen din kan vise deg videre til annen hjelp.</translation>
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation>Denne saken nærmer seg organisasjonens grense.</translation>
    </message>
    <message>
        <source>The other side closed this case. Close it here too to wipe it from this computer.</source>
        <translation>Den andre parten har lukket saken. Lukk den her også for å slette den fra denne datamaskinen.</translation>
    </message>
    <message>
        <source>Take this case</source>
        <translation>Ta saken</translation>
    </message>
    <message>
        <source>Share a resource card</source>
        <translation>Del et ressurskort</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Overfør</translation>
    </message>
    <message>
        <source>Ask the seeker to hand the case over to another helper</source>
        <translation>Spør søkeren om saken kan overføres til en annen hjelper</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Ny samtale</translation>
    </message>
    <message>
        <source>Count your next message as a new conversation</source>
        <translation>Tell den neste meldingen din som en ny samtale</translation>
    </message>
    <message>
        <source>Support time in minutes</source>
        <translation>Støttetid i minutter</translation>
    </message>
    <message>
        <source>Correct support time</source>
        <translation>Rett støttetiden</translation>
    </message>
    <message>
        <source>Your helper suggests that %1 takes over your case. If you agree, a new case starts with them, and only what you write below is passed on.</source>
        <translation>Hjelperen din foreslår at %1 tar over saken din. Sier du ja, begynner en ny sak med vedkommende, og bare det du skriver under, blir gitt videre.</translation>
    </message>
    <message>
        <source>another helper</source>
        <translation>en annen hjelper</translation>
    </message>
    <message>
        <source>What the new helper may know (optional)</source>
        <translation>Det den nye hjelperen kan få vite (valgfritt)</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Ja takk</translation>
    </message>
    <message>
        <source>Agree to the handover</source>
        <translation>Si ja til overføringen</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Nei takk</translation>
    </message>
    <message>
        <source>Decline the handover and stay with your helper</source>
        <translation>Si nei til overføringen og bli hos hjelperen din</translation>
    </message>
    <message>
        <source>The organisation is closed now. Your message waits until a helper answers.</source>
        <translation>Organisasjonen er stengt nå. Meldingen din venter til en hjelper svarer.</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Skriv en melding</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation>Sikkerhetsnummeret med denne kontakten er endret. Du kan ikke sende før du godtar det nye.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Se nærmere</translation>
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation>Se det endrede sikkerhetsnummeret</translation>
    </message>
</context>
<context>
    <name>CaseCloseDialog</name>
    <message>
        <source>Close this case?</source>
        <translation>Vil du lukke saken?</translation>
    </message>
    <message>
        <source>Close and wipe</source>
        <translation>Lukk og slett</translation>
    </message>
    <message>
        <source>Close the case and wipe it from this computer</source>
        <translation>Lukk saken og slett den fra denne datamaskinen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>The case and its messages are wiped from this computer, and the other side is told it is closed.</source>
        <translation>Saken og meldingene i den blir slettet fra denne datamaskinen, og den andre parten får beskjed om at den er lukket.</translation>
    </message>
    <message>
        <source>What the case was about (for the organisation's statistics, nothing else is kept):</source>
        <translation>Hva saken handlet om (til organisasjonens statistikk, ingenting annet blir lagret):</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>This was heavy</source>
        <translation>Dette var tungt</translation>
    </message>
</context>
<context>
    <name>CaseEntriesList</name>
    <message>
        <source>Resource card: %1</source>
        <translation>Ressurskort: %1</translation>
    </message>
    <message>
        <source>You shared a resource card</source>
        <translation>Du delte et ressurskort</translation>
    </message>
    <message>
        <source>Your helper shared a resource card</source>
        <translation>Hjelperen din delte et ressurskort</translation>
    </message>
    <message>
        <source>Hours: %1</source>
        <translation>Åpent: %1</translation>
    </message>
</context>
<context>
    <name>CaseHandoverDialog</name>
    <message>
        <source>Hand over to another helper</source>
        <translation>Overfør til en annen hjelper</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>There is no other helper in this organisation.</source>
        <translation>Det er ingen annen hjelper i denne organisasjonen.</translation>
    </message>
    <message>
        <source>The seeker is asked first. The other helper hears nothing unless the seeker agrees.</source>
        <translation>Søkeren blir spurt først. Den andre hjelperen hører ingenting med mindre søkeren sier ja.</translation>
    </message>
    <message>
        <source>Ask to hand over to %1</source>
        <translation>Foreslå å overføre til %1</translation>
    </message>
</context>
<context>
    <name>CaseReferDialog</name>
    <message>
        <source>Share a resource card</source>
        <translation>Del et ressurskort</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>The organisation has no resource cards.</source>
        <translation>Organisasjonen har ingen ressurskort.</translation>
    </message>
    <message>
        <source>Share %1</source>
        <translation>Del %1</translation>
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>Offered to you: the first helper to take it has it</source>
        <translation>Tilbudt deg: den første hjelperen som tar den, har den</translation>
    </message>
    <message>
        <source>Waiting for a helper to take it</source>
        <translation>Venter på at en hjelper tar den</translation>
    </message>
    <message>
        <source>Closed by the other side</source>
        <translation>Lukket av den andre parten</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åpen</translation>
    </message>
    <message>
        <source>You are available for new cases.</source>
        <translation>Du er ledig for nye saker.</translation>
    </message>
    <message>
        <source>You are away until %1.</source>
        <translation>Du er borte til %1.</translation>
    </message>
    <message>
        <source>You are away.</source>
        <translation>Du er borte.</translation>
    </message>
    <message>
        <source>You show as full: you have as many open cases as the organisation allows. This changes by itself when a case closes.</source>
        <translation>Du vises som full: du har så mange åpne saker som organisasjonen tillater. Det endrer seg av seg selv når en sak lukkes.</translation>
    </message>
    <message>
        <source>You have not said whether you are available.</source>
        <translation>Du har ikke sagt om du er ledig.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Saker</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Ledig</translation>
    </message>
    <message>
        <source>Set yourself available</source>
        <translation>Meld deg ledig</translation>
    </message>
    <message>
        <source>Away for</source>
        <translation>Borte i</translation>
    </message>
    <message>
        <source>Days away</source>
        <translation>Dager borte</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dager</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Borte</translation>
    </message>
    <message>
        <source>Set yourself away for the chosen days</source>
        <translation>Meld deg borte de valgte dagene</translation>
    </message>
    <message>
        <source>That was a heavy case. Take a moment, and talk it through with a colleague or your contact person.</source>
        <translation>Det var en tung sak. Ta deg et øyeblikk, og snakk den gjennom med en kollega eller kontaktpersonen din.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Close the debrief reminder</source>
        <translation>Lukk påminnelsen om å snakke saken gjennom</translation>
    </message>
    <message>
        <source>No cases. A case starts when you ask an organisation's helper for support (under Find help).</source>
        <translation>Ingen saker. En sak begynner når du ber en hjelper i en organisasjon om støtte (under Finn hjelp).</translation>
    </message>
    <message>
        <source>Seeker %1</source>
        <translation>Søker %1</translation>
    </message>
    <message>
        <source>Any available helper</source>
        <translation>Den første ledige hjelperen</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n ny</numerusform>
            <numerusform>%n nye</numerusform>
        </translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>siden %1</translation>
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation>%1 av %2 samtaler</translation>
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n samtale</numerusform>
            <numerusform>%n samtaler</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation>%1 av %2 minutter støtte</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) of support</source>
        <translation>
            <numerusform>%n minutt støtte</numerusform>
            <numerusform>%n minutter støtte</numerusform>
        </translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached.</source>
        <translation>Organisasjonens grense for denne saken er nådd.</translation>
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation>Denne saken nærmer seg organisasjonens grense.</translation>
    </message>
    <message>
        <source>Handover asked</source>
        <translation>Overføring foreslått</translation>
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>Waiting to send</source>
        <translation>Venter på å bli sendt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Levert</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Lest</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Tilbake til samtalene</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Samtale %1</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Skriv en melding</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>The message could not be saved. Please try again.</source>
        <translation>Meldingen kunne ikke lagres. Prøv igjen.</translation>
    </message>
    <message>
        <source>Verify safety number</source>
        <translation>Bekreft sikkerhetsnummer</translation>
    </message>
    <message>
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation>Sikkerhetsnummeret med denne kontakten er endret. Du kan ikke sende før du godtar det nye.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Se nærmere</translation>
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation>Se det endrede sikkerhetsnummeret</translation>
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <source>Conversations</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation>Ingen samtaler ennå.</translation>
    </message>
    <message numerus="yes">
        <source>Conversation %1, %n new message(s)</source>
        <translation>
            <numerusform>Samtale %1, %n ny melding</numerusform>
            <numerusform>Samtale %1, %n nye meldinger</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Samtale %1</translation>
    </message>
    <message>
        <source>Account number of the person to write to</source>
        <translation>Kontonummeret til den du vil skrive til</translation>
    </message>
    <message>
        <source>Write</source>
        <translation>Skriv</translation>
    </message>
    <message>
        <source>Start the conversation</source>
        <translation>Start samtalen</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <source>Devices</source>
        <translation>Enheter</translation>
    </message>
    <message>
        <source>The computers and phones that use your account. Unlink one you no longer use or do not recognise.</source>
        <translation>Datamaskinene og telefonene som bruker kontoen din. Koble fra en du ikke bruker lenger eller ikke kjenner igjen.</translation>
    </message>
    <message>
        <source>This computer is no longer linked to your account. It cannot send or receive messages any more.</source>
        <translation>Denne datamaskinen er ikke lenger koblet til kontoen din. Den kan ikke sende eller motta meldinger lenger.</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (denne datamaskinen)</translation>
    </message>
    <message>
        <source>Linked %1</source>
        <translation>Tilkoblet %1</translation>
    </message>
    <message>
        <source>Not seen yet</source>
        <translation>Ikke sett ennå</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>Sist sett %1</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Koble fra</translation>
    </message>
    <message>
        <source>Unlink %1</source>
        <translation>Koble fra %1</translation>
    </message>
    <message>
        <source>Link another device</source>
        <translation>Koble til en annen enhet</translation>
    </message>
    <message>
        <source>Unlink this computer?</source>
        <translation>Koble fra denne datamaskinen?</translation>
    </message>
    <message>
        <source>Unlink %1?</source>
        <translation>Koble fra %1?</translation>
    </message>
    <message>
        <source>This computer can no longer connect to Kollega, and what it shows now stays only here. To use Kollega here again, you would need to link it again from another device of yours.</source>
        <translation>Denne datamaskinen kan ikke lenger koble seg til Kollega, og det den viser nå, finnes bare her. For å bruke Kollega her igjen må du koble den til på nytt fra en annen av enhetene dine.</translation>
    </message>
    <message>
        <source>%1 can no longer send or receive messages for your account. What is stored on it stays there until it is removed on that device.</source>
        <translation>%1 kan ikke lenger sende eller motta meldinger for kontoen din. Det som er lagret der, blir værende til det slettes på den enheten.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Kollega</source>
        <translation>Velkommen til Kollega</translation>
    </message>
    <message>
        <source>Talk in confidence with a trained colleague. No name, no phone number, no e-mail: your account is a random number made on this computer.</source>
        <translation>Snakk fortrolig med en kollega med opplæring. Ikke noe navn, telefonnummer eller e-post: kontoen din er et tilfeldig nummer som lages på denne datamaskinen.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Ny konto</translation>
    </message>
    <message>
        <source>Link this computer</source>
        <translation>Koble til denne datamaskinen</translation>
    </message>
    <message>
        <source>Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.</source>
        <translation>Velg en passordfrase. Den beskytter det Kollega lagrer på denne datamaskinen. Ingen kan finne den fram igjen for deg.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passordfrase</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>Den samme passordfrasen igjen</translation>
    </message>
    <message>
        <source>The code shown on your other device</source>
        <translation>Koden som vises på den andre enheten din</translation>
    </message>
    <message>
        <source>Create my account</source>
        <translation>Opprett kontoen min</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Arbeider</translation>
    </message>
    <message>
        <source>Setting up your account. This can take a minute.</source>
        <translation>Kontoen din settes opp. Det kan ta et minutt.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Framdrift</translation>
    </message>
    <message>
        <source>From a picture of the QR code …</source>
        <translation>Fra et bilde av QR-koden …</translation>
    </message>
    <message>
        <source>A picture of the QR code on your other device</source>
        <translation>Et bilde av QR-koden på den andre enheten din</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>IdentityChangeDialog</name>
    <message>
        <source>Compare the new safety number</source>
        <translation>Sammenlign det nye sikkerhetsnummeret</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>Sikkerhetsnummeret er endret</translation>
    </message>
    <message>
        <source>Accept the new safety number</source>
        <translation>Godta det nye sikkerhetsnummeret</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nå</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Ferdig</translation>
    </message>
    <message>
        <source>The safety number with contact %1 has changed. This happens when they use Kollega on a new device or set it up again, but it can also mean that someone is trying to come in between.</source>
        <translation>Sikkerhetsnummeret med kontakt %1 er endret. Det skjer når vedkommende bruker Kollega på en ny enhet eller har satt den opp på nytt, men det kan også bety at noen prøver å komme imellom.</translation>
    </message>
    <message>
        <source>Until you accept the new safety number, you cannot send messages to this contact, and their new messages wait. If you are not sure, ask them first in another way.</source>
        <translation>Til du godtar det nye sikkerhetsnummeret, kan du ikke sende meldinger til denne kontakten, og nye meldinger derfra venter. Er du usikker, spør vedkommende først på en annen måte.</translation>
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, nobody is in between.</source>
        <translation>Sammenlign tallene med kontakten din, når dere møtes, eller i en samtale du stoler på. Er de like på begge skjermene, er ingen imellom.</translation>
    </message>
</context>
<context>
    <name>LinkDeviceDialog</name>
    <message>
        <source>Link another device</source>
        <translation>Koble til en annen enhet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>On the new device, choose "Link this computer" and scan or type this code.</source>
        <translation>Velg «Koble til denne datamaskinen» på den nye enheten, og skann eller skriv inn denne koden.</translation>
    </message>
    <message>
        <source>Whoever has this code can join your account while it is valid. Show it only to your own device, and close this window when you are done.</source>
        <translation>Den som har denne koden, kan koble seg til kontoen din så lenge den gjelder. Vis den bare til din egen enhet, og lukk vinduet når du er ferdig.</translation>
    </message>
    <message>
        <source>Making a code</source>
        <translation>Lager en kode</translation>
    </message>
    <message>
        <source>The linking code as a QR code</source>
        <translation>Tilkoblingskoden som QR-kode</translation>
    </message>
    <message>
        <source>The linking code</source>
        <translation>Tilkoblingskoden</translation>
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
        <translation>Tilkoblet</translation>
    </message>
    <message>
        <source>Offline: messages wait and go out later</source>
        <translation>Frakoblet: meldinger venter og sendes senere</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <source>Find help</source>
        <translation>Finn hjelp</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Saker</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Enheter</translation>
    </message>
</context>
<context>
    <name>Organisations</name>
    <message>
        <source>Find help</source>
        <translation>Finn hjelp</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>Kvinne</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>Mann</translation>
    </message>
    <message>
        <source>Public sector</source>
        <translation>Offentlig sektor</translation>
    </message>
    <message>
        <source>Private practice</source>
        <translation>Privat praksis</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Lege</translation>
    </message>
    <message>
        <source>Dentist</source>
        <translation>Tannlege</translation>
    </message>
    <message>
        <source>GP</source>
        <translation>Fastlege</translation>
    </message>
    <message>
        <source>Midwife</source>
        <translation>Jordmor</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Sykepleier</translation>
    </message>
    <message>
        <source>Psychologist</source>
        <translation>Psykolog</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Ledig</translation>
    </message>
    <message>
        <source>Away until %1</source>
        <translation>Borte til %1</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Borte</translation>
    </message>
    <message>
        <source>Full: not taking new cases right now</source>
        <translation>Full: tar ikke nye saker akkurat nå</translation>
    </message>
    <message>
        <source>Availability not known</source>
        <translation>Ukjent om hjelperen er ledig</translation>
    </message>
    <message>
        <source>Join your organisation with the link or code it gave you, or with a picture of its QR code.</source>
        <translation>Bli med i organisasjonen din med lenken eller koden du har fått, eller med et bilde av QR-koden.</translation>
    </message>
    <message>
        <source>kollega://org?… or the code</source>
        <translation>kollega://org?… eller koden</translation>
    </message>
    <message>
        <source>The organisation's link or code</source>
        <translation>Organisasjonens lenke eller kode</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Bli med</translation>
    </message>
    <message>
        <source>Join the organisation</source>
        <translation>Bli med i organisasjonen</translation>
    </message>
    <message>
        <source>From a QR image…</source>
        <translation>Fra et QR-bilde …</translation>
    </message>
    <message>
        <source>Join from a picture of the QR code</source>
        <translation>Bli med fra et bilde av QR-koden</translation>
    </message>
    <message>
        <source>open now</source>
        <translation>åpen nå</translation>
    </message>
    <message>
        <source>closed now; opens again at %1</source>
        <translation>stengt nå; åpner igjen %1</translation>
    </message>
    <message>
        <source>closed now</source>
        <translation>stengt nå</translation>
    </message>
    <message>
        <source>Any organisation</source>
        <translation>Alle organisasjoner</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisasjon</translation>
    </message>
    <message>
        <source>Any region</source>
        <translation>Alle regioner</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Any profession</source>
        <translation>Alle yrker</translation>
    </message>
    <message>
        <source>Profession</source>
        <translation>Yrke</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Alle språk</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Any gender</source>
        <translation>Alle kjønn</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Kjønn</translation>
    </message>
    <message>
        <source>Any sector</source>
        <translation>Alle sektorer</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sektor</translation>
    </message>
    <message>
        <source>Available only</source>
        <translation>Bare ledige</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Oppdater</translation>
    </message>
    <message>
        <source>Fetch the directory again</source>
        <translation>Hent oversikten på nytt</translation>
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation>Den første som er ledig</translation>
    </message>
    <message>
        <source>Write to whoever of these helpers is available first</source>
        <translation>Skriv til den av disse hjelperne som først er ledig</translation>
    </message>
    <message>
        <source>Helpers: %1</source>
        <translation>Hjelpere: %1</translation>
    </message>
    <message>
        <source>Write to this helper</source>
        <translation>Skriv til denne hjelperen</translation>
    </message>
    <message>
        <source>Write to %1</source>
        <translation>Skriv til %1</translation>
    </message>
    <message>
        <source>A picture of the organisation's QR code</source>
        <translation>Et bilde av organisasjonens QR-kode</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>OutOfHoursDialog</name>
    <message>
        <source>%1 is closed now</source>
        <translation>%1 er stengt nå</translation>
    </message>
    <message>
        <source>The organisation is closed now.</source>
        <translation>Organisasjonen er stengt nå.</translation>
    </message>
    <message>
        <source>It opens again at %1.</source>
        <translation>Den åpner igjen %1.</translation>
    </message>
    <message>
        <source>Your message will wait, and a helper answers when they can. If you need help right now, use the Safety button.</source>
        <translation>Meldingen din venter, og en hjelper svarer så snart det går. Trenger du hjelp med en gang, bruk knappen Hjelp nå.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nå</translation>
    </message>
    <message>
        <source>Do not send now</source>
        <translation>Ikke send nå</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Send likevel</translation>
    </message>
    <message>
        <source>Send the message anyway</source>
        <translation>Send meldingen likevel</translation>
    </message>
</context>
<context>
    <name>SafetyButton</name>
    <message>
        <source>Safety</source>
        <translation>Hjelp nå</translation>
    </message>
    <message>
        <source>Safety: emergency and crisis numbers</source>
        <translation>Hjelp nå: nød- og krisenumre</translation>
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Help right now</source>
        <translation>Hjelp med en gang</translation>
    </message>
    <message>
        <source>If you or someone else is in danger, call your local emergency number: 112.</source>
        <translation>Hvis du eller noen andre er i fare, ring nødnummeret: 112.</translation>
    </message>
    <message>
        <source>If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.</source>
        <translation>Hvis du har tanker om å ta livet ditt, ring en krisetelefon eller fastlegen din i dag. Du trenger ikke å vente på en hjelper her.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisasjon</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Alle land</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>On-call contact</source>
        <translation>Vakthavende</translation>
    </message>
</context>
<context>
    <name>SafetyNumberDialog</name>
    <message>
        <source>Safety number</source>
        <translation>Sikkerhetsnummer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Lukk</translation>
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, your conversation is private: nobody is in between.</source>
        <translation>Sammenlign tallene med kontakten din, når dere møtes, eller i en samtale du stoler på. Er de like på begge skjermene, er samtalen privat: ingen er imellom.</translation>
    </message>
</context>
<context>
    <name>SafetyNumberView</name>
    <message>
        <source>Working out the safety number…</source>
        <translation>Regner ut sikkerhetsnummeret …</translation>
    </message>
    <message>
        <source>Safety number: %1</source>
        <translation>Sikkerhetsnummer: %1</translation>
    </message>
    <message>
        <source>The safety number as a QR code</source>
        <translation>Sikkerhetsnummeret som QR-kode</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Back</source>
        <translation>Tilbake</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Tilbake til samtalene</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Lock Kollega after this many minutes without use (0: never)</source>
        <translation>Lås Kollega etter så mange minutter uten bruk (0: aldri)</translation>
    </message>
    <message>
        <source>Minutes before Kollega locks itself</source>
        <translation>Minutter før Kollega låser seg selv</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Lås nå</translation>
    </message>
    <message>
        <source>Your account number, for someone who wants to write to you:</source>
        <translation>Kontonummeret ditt, til den som vil skrive til deg:</translation>
    </message>
    <message>
        <source>Your account number</source>
        <translation>Kontonummeret ditt</translation>
    </message>
</context>
<context>
    <name>StartCaseDialog</name>
    <message>
        <source>Write to %1</source>
        <translation>Skriv til %1</translation>
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation>Den første som er ledig</translation>
    </message>
    <message>
        <source>What is it about? (you may leave this out)</source>
        <translation>Hva gjelder det? (du kan hoppe over dette)</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Ingen kategori</translation>
    </message>
    <message>
        <source>Problem category</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Your first message</source>
        <translation>Din første melding</translation>
    </message>
    <message>
        <source>A few words about what you would like to talk about</source>
        <translation>Noen ord om hva du vil snakke om</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send the first message</source>
        <translation>Send den første meldingen</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Kollega is locked</source>
        <translation>Kollega er låst</translation>
    </message>
    <message>
        <source>Type your passphrase to open your conversations.</source>
        <translation>Skriv passordfrasen din for å åpne samtalene dine.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passordfrase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Lås opp</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Arbeider</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::AppController</name>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation>Velg en passordfrase på minst %1 tegn.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De to passordfrasene er ikke like.</translation>
    </message>
    <message>
        <source>Type the code shown on your other device.</source>
        <translation>Skriv koden som vises på den andre enheten din.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Skriv passordfrasen din.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Nothing was changed; try again.</source>
        <translation>Passordfrasen er ikke riktig. Ingenting er endret; prøv igjen.</translation>
    </message>
    <message>
        <source>The app could not open its data: %1</source>
        <translation>Appen kunne ikke åpne dataene sine: %1</translation>
    </message>
    <message>
        <source>Could not reach the Kollega service: %1</source>
        <translation>Fikk ikke kontakt med Kollega: %1</translation>
    </message>
    <message>
        <source>That file could not be opened as an image.</source>
        <translation>Filen kunne ikke åpnes som et bilde.</translation>
    </message>
    <message>
        <source>No linking code was found in that image. Try a sharper picture, or type the code.</source>
        <translation>Det var ingen koblingskode i bildet. Prøv et skarpere bilde, eller skriv koden.</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::CasesController</name>
    <message>
        <source>The message could not be sent: %1</source>
        <translation>Meldingen kunne ikke sendes: %1</translation>
    </message>
    <message>
        <source>The case could not be taken: %1</source>
        <translation>Saken kunne ikke tas: %1</translation>
    </message>
    <message>
        <source>The card could not be shared: %1</source>
        <translation>Kortet kunne ikke deles: %1</translation>
    </message>
    <message>
        <source>The handover could not be asked: %1</source>
        <translation>Overføringen kunne ikke foreslås: %1</translation>
    </message>
    <message>
        <source>The support time could not be corrected: %1</source>
        <translation>Støttetiden kunne ikke rettes: %1</translation>
    </message>
    <message>
        <source>A new conversation could not be started: %1</source>
        <translation>En ny samtale kunne ikke startes: %1</translation>
    </message>
    <message>
        <source>Your answer could not be sent: %1</source>
        <translation>Svaret ditt kunne ikke sendes: %1</translation>
    </message>
    <message>
        <source>The case could not be closed: %1</source>
        <translation>Saken kunne ikke lukkes: %1</translation>
    </message>
    <message>
        <source>Your availability could not be changed: %1</source>
        <translation>Statusen din kunne ikke endres: %1</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::Notifier</name>
    <message>
        <source>Open Kollega</source>
        <translation>Åpne Kollega</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Avslutt</translation>
    </message>
    <message numerus="yes">
        <source>Kollega: %n unread</source>
        <translation>
            <numerusform>Kollega: %n ulest</numerusform>
            <numerusform>Kollega: %n uleste</numerusform>
        </translation>
    </message>
    <message>
        <source>New message in Kollega</source>
        <translation>Ny melding i Kollega</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::OrganisationsController</name>
    <message>
        <source>Write a first message: a few words are enough.</source>
        <translation>Skriv en første melding: noen få ord holder.</translation>
    </message>
    <message>
        <source>Choose an organisation first.</source>
        <translation>Velg en organisasjon først.</translation>
    </message>
    <message>
        <source>The app could not read the organisation's opening hours.</source>
        <translation>Appen kunne ikke lese organisasjonens åpningstider.</translation>
    </message>
    <message>
        <source>No helper who matches your choices is available right now. Choose fewer filters, or write to a helper in the list.</source>
        <translation>Ingen hjelper som passer til valgene dine, er ledig akkurat nå. Velg færre filtre, eller skriv til en hjelper på lista.</translation>
    </message>
    <message>
        <source>Your message could not be sent: %1</source>
        <translation>Meldingen din kunne ikke sendes: %1</translation>
    </message>
    <message>
        <source>Paste or type the organisation's link or code first.</source>
        <translation>Lim inn eller skriv organisasjonens lenke eller kode først.</translation>
    </message>
    <message>
        <source>You joined %1.</source>
        <translation>Du er nå med i %1.</translation>
    </message>
    <message>
        <source>That file could not be opened as an image.</source>
        <translation>Filen kunne ikke åpnes som et bilde.</translation>
    </message>
    <message>
        <source>No QR code was found in that image. Try a sharper picture, or paste the link instead.</source>
        <translation>Det var ingen QR-kode i bildet. Prøv et skarpere bilde, eller lim inn lenken i stedet.</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Kunne ikke oppdatere: %1</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::TrustController</name>
    <message>
        <source>The device could not be unlinked: %1</source>
        <translation>Enheten kunne ikke kobles fra: %1</translation>
    </message>
    <message>
        <source>No code could be made: %1</source>
        <translation>Det kunne ikke lages en kode: %1</translation>
    </message>
    <message>
        <source>The safety number is not known yet: %1</source>
        <translation>Sikkerhetsnummeret er ikke kjent ennå: %1</translation>
    </message>
    <message>
        <source>The new safety number could not be accepted: %1</source>
        <translation>Det nye sikkerhetsnummeret kunne ikke godtas: %1</translation>
    </message>
</context>
</TS>