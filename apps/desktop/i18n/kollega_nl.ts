<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
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
</context>
</TS>