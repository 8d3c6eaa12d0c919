<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nb_NO">
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
</TS>