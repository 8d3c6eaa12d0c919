<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="da_DK">
<context>
    <name>Chat</name>
    <message>
        <source>Waiting to send</source>
        <translation>Venter på at blive sendt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sendt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Leveret</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Læst</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Tilbage til samtalerne</translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Samtale %1</translation>
    </message>
    <message>
        <source>Write a message</source>
        <translation>Skriv en besked</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>The message could not be saved. Please try again.</source>
        <translation>Beskeden kunne ikke gemmes. Prøv igen.</translation>
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
        <translation>Ingen samtaler endnu.</translation>
    </message>
    <message numerus="yes">
        <source>Conversation %1, %n new message(s)</source>
        <translation>
            <numerusform>Samtale %1, %n ny besked</numerusform>
            <numerusform>Samtale %1, %n nye beskeder</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation>Samtale %1</translation>
    </message>
    <message>
        <source>Account number of the person to write to</source>
        <translation>Kontonummer på den, du vil skrive til</translation>
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
        <translation>Tal fortroligt med en uddannet kollega. Intet navn, intet telefonnummer, ingen e-mail: din konto er et tilfældigt nummer, der bliver lavet på denne computer.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Ny konto</translation>
    </message>
    <message>
        <source>Link this computer</source>
        <translation>Forbind denne computer</translation>
    </message>
    <message>
        <source>Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.</source>
        <translation>Vælg en adgangssætning. Den beskytter det, Kollega gemmer på denne computer. Ingen kan finde den frem for dig, hvis du glemmer den.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Adgangssætning</translation>
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation>Den samme adgangssætning igen</translation>
    </message>
    <message>
        <source>The code shown on your other device</source>
        <translation>Koden, der vises på din anden enhed</translation>
    </message>
    <message>
        <source>Create my account</source>
        <translation>Opret min konto</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Arbejder</translation>
    </message>
    <message>
        <source>Setting up your account. This can take a minute.</source>
        <translation>Din konto bliver sat op. Det kan tage et minut.</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fremskridt</translation>
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
        <translation>Forbundet</translation>
    </message>
    <message>
        <source>Offline: messages wait and go out later</source>
        <translation>Offline: beskeder venter og sendes senere</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
</context>
<context>
    <name>SafetyButton</name>
    <message>
        <source>Safety</source>
        <translation>Hjælp nu</translation>
    </message>
    <message>
        <source>Safety: emergency and crisis numbers</source>
        <translation>Hjælp nu: nød- og krisenumre</translation>
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Help right now</source>
        <translation>Hjælp lige nu</translation>
    </message>
    <message>
        <source>If you or someone else is in danger, call your local emergency number: 112.</source>
        <translation>Hvis du eller en anden er i fare, så ring til alarmnummeret: 112.</translation>
    </message>
    <message>
        <source>If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.</source>
        <translation>Hvis du har tanker om at tage dit liv, så ring til en krisetelefon eller din egen læge i dag. Du behøver ikke at vente på en hjælper her.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation>Tilbage til samtalerne</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Indstillinger</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Lock Kollega after this many minutes without use (0: never)</source>
        <translation>Lås Kollega efter så mange minutter uden brug (0: aldrig)</translation>
    </message>
    <message>
        <source>Minutes before Kollega locks itself</source>
        <translation>Minutter, før Kollega låser sig selv</translation>
    </message>
    <message>
        <source>Lock now</source>
        <translation>Lås nu</translation>
    </message>
    <message>
        <source>Your account number, for someone who wants to write to you:</source>
        <translation>Dit kontonummer, til den, der vil skrive til dig:</translation>
    </message>
    <message>
        <source>Your account number</source>
        <translation>Dit kontonummer</translation>
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
        <translation>Skriv din adgangssætning for at åbne dine samtaler.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Adgangssætning</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Lås op</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Arbejder</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::AppController</name>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation>Vælg en adgangssætning på mindst %1 tegn.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>De to adgangssætninger er ikke ens.</translation>
    </message>
    <message>
        <source>Type the code shown on your other device.</source>
        <translation>Skriv koden, der vises på din anden enhed.</translation>
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation>Skriv din adgangssætning.</translation>
    </message>
    <message>
        <source>That passphrase is not right. Nothing was changed; try again.</source>
        <translation>Adgangssætningen er ikke rigtig. Intet er ændret; prøv igen.</translation>
    </message>
    <message>
        <source>The app could not open its data: %1</source>
        <translation>Appen kunne ikke åbne sine data: %1</translation>
    </message>
    <message>
        <source>Could not reach the Kollega service: %1</source>
        <translation>Kunne ikke få forbindelse til Kollega: %1</translation>
    </message>
</context>
</TS>