<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nb_NO">
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
</TS>