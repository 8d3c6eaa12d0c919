<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="da_DK">
<context>
    <name />
    <message>
        <source>That is not an organisation's card. Check that you copied all of it: it starts with kollega://org?</source>
        <translation>Det er ikke en organisations kort. Tjek, at du har kopieret det hele: det begynder med kollega://org?</translation>
    </message>
    <message>
        <source>This card is for an organisation on another Kollega service than your account's. Ask the organisation for the card for your service.</source>
        <translation>Dette kort hører til en organisation på en anden Kollega-tjeneste end din kontos. Bed organisationen om kortet til din tjeneste.</translation>
    </message>
    <message>
        <source>The Kollega service could not be reached. Check your connection and try again.</source>
        <translation>Kollega-tjenesten kunne ikke nås. Tjek din forbindelse, og prøv igen.</translation>
    </message>
    <message>
        <source>The organisation has not published its details yet. Try again later.</source>
        <translation>Organisationen har ikke offentliggjort sine oplysninger endnu. Prøv igen senere.</translation>
    </message>
    <message>
        <source>The organisation's details did not pass the check against its card, so nothing was changed.</source>
        <translation>Organisationens oplysninger passede ikke med dens kort, så intet blev ændret.</translation>
    </message>
    <message>
        <source>Could not join the organisation: %1</source>
        <translation>Kunne ikke melde dig til organisationen: %1</translation>
    </message>
</context>
<context>
    <name>CaseChat</name>
    <message>
        <source>Back</source>
        <translation>Tilbage</translation>
    </message>
    <message>
        <source>Back to the cases</source>
        <translation>Tilbage til sagerne</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Sag</translation>
    </message>
    <message>
        <source>Case with seeker %1</source>
        <translation>Sag med søgende %1</translation>
    </message>
    <message>
        <source>Case with %1</source>
        <translation>Sag med %1</translation>
    </message>
    <message>
        <source>Close case</source>
        <translation>Luk sagen</translation>
    </message>
    <message>
        <source>Close this case and wipe it</source>
        <translation>Luk sagen og slet den</translation>
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation>%1 af %2 samtaler</translation>
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation>%1 af %2 minutters støtte</translation>
    </message>
    <message>
        <source>This case is no longer here.</source>
        <translation>Denne sag er her ikke længere.</translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Refer the seeker on with a resource card.</source>
        <translation>Organisationens grænse for denne sag er nået. Henvis den søgende videre med et ressourcekort.</translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Your helper can point you to further help.</source>
        <translation>Organisationens grænse for denne sag er nået. Din hjælper kan vise dig videre til anden hjælp.</translation>
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation>Denne sag nærmer sig organisationens grænse.</translation>
    </message>
    <message>
        <source>The other side closed this case. Close it here too to wipe it from this computer.</source>
        <translation>Den anden part har lukket sagen. Luk den også her for at slette den fra denne computer.</translation>
    </message>
    <message>
        <source>Take this case</source>
        <translation>Tag sagen</translation>
    </message>
    <message>
        <source>Share a resource card</source>
        <translation>Del et ressourcekort</translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation>Overdrag</translation>
    </message>
    <message>
        <source>Ask the seeker to hand the case over to another helper</source>
        <translation>Spørg den søgende, om sagen må overdrages til en anden hjælper</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Ny samtale</translation>
    </message>
    <message>
        <source>Count your next message as a new conversation</source>
        <translation>Tæl din næste besked som en ny samtale</translation>
    </message>
    <message>
        <source>Support time in minutes</source>
        <translation>Støttetid i minutter</translation>
    </message>
    <message>
        <source>Correct support time</source>
        <translation>Ret støttetiden</translation>
    </message>
    <message>
        <source>Your helper suggests that %1 takes over your case. If you agree, a new case starts with them, and only what you write below is passed on.</source>
        <translation>Din hjælper foreslår, at %1 overtager din sag. Siger du ja, begynder en ny sag med vedkommende, og kun det, du skriver herunder, bliver givet videre.</translation>
    </message>
    <message>
        <source>another helper</source>
        <translation>en anden hjælper</translation>
    </message>
    <message>
        <source>What the new helper may know (optional)</source>
        <translation>Det, den nye hjælper må vide (frivilligt)</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>Ja tak</translation>
    </message>
    <message>
        <source>Agree to the handover</source>
        <translation>Sig ja til overdragelsen</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Nej tak</translation>
    </message>
    <message>
        <source>Decline the handover and stay with your helper</source>
        <translation>Sig nej til overdragelsen og bliv hos din hjælper</translation>
    </message>
    <message>
        <source>The organisation is closed now. Your message waits until a helper answers.</source>
        <translation>Organisationen har lukket nu. Din besked venter, til en hjælper svarer.</translation>
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
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation>Sikkerhedsnummeret med denne kontakt er ændret. Du kan ikke sende, før du godkender det nye.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Se nærmere</translation>
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation>Se det ændrede sikkerhedsnummer</translation>
    </message>
</context>
<context>
    <name>CaseCloseDialog</name>
    <message>
        <source>Close this case?</source>
        <translation>Vil du lukke sagen?</translation>
    </message>
    <message>
        <source>Close and wipe</source>
        <translation>Luk og slet</translation>
    </message>
    <message>
        <source>Close the case and wipe it from this computer</source>
        <translation>Luk sagen og slet den fra denne computer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>The case and its messages are wiped from this computer, and the other side is told it is closed.</source>
        <translation>Sagen og dens beskeder bliver slettet fra denne computer, og den anden part får besked om, at den er lukket.</translation>
    </message>
    <message>
        <source>What the case was about (for the organisation's statistics, nothing else is kept):</source>
        <translation>Hvad sagen handlede om (til organisationens statistik, intet andet bliver gemt):</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategori</translation>
    </message>
    <message>
        <source>This was heavy</source>
        <translation>Det her var tungt</translation>
    </message>
</context>
<context>
    <name>CaseEntriesList</name>
    <message>
        <source>Resource card: %1</source>
        <translation>Ressourcekort: %1</translation>
    </message>
    <message>
        <source>You shared a resource card</source>
        <translation>Du delte et ressourcekort</translation>
    </message>
    <message>
        <source>Your helper shared a resource card</source>
        <translation>Din hjælper delte et ressourcekort</translation>
    </message>
    <message>
        <source>Hours: %1</source>
        <translation>Åbent: %1</translation>
    </message>
</context>
<context>
    <name>CaseHandoverDialog</name>
    <message>
        <source>Hand over to another helper</source>
        <translation>Overdrag til en anden hjælper</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>There is no other helper in this organisation.</source>
        <translation>Der er ingen anden hjælper i denne organisation.</translation>
    </message>
    <message>
        <source>The seeker is asked first. The other helper hears nothing unless the seeker agrees.</source>
        <translation>Den søgende bliver spurgt først. Den anden hjælper hører intet, medmindre den søgende siger ja.</translation>
    </message>
    <message>
        <source>Ask to hand over to %1</source>
        <translation>Foreslå at overdrage til %1</translation>
    </message>
</context>
<context>
    <name>CaseReferDialog</name>
    <message>
        <source>Share a resource card</source>
        <translation>Del et ressourcekort</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>The organisation has no resource cards.</source>
        <translation>Organisationen har ingen ressourcekort.</translation>
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
        <translation>Tilbudt dig: den første hjælper, der tager den, har den</translation>
    </message>
    <message>
        <source>Waiting for a helper to take it</source>
        <translation>Venter på, at en hjælper tager den</translation>
    </message>
    <message>
        <source>Closed by the other side</source>
        <translation>Lukket af den anden part</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Åben</translation>
    </message>
    <message>
        <source>You are available for new cases.</source>
        <translation>Du er ledig til nye sager.</translation>
    </message>
    <message>
        <source>You are away until %1.</source>
        <translation>Du er væk indtil %1.</translation>
    </message>
    <message>
        <source>You are away.</source>
        <translation>Du er væk.</translation>
    </message>
    <message>
        <source>You show as full: you have as many open cases as the organisation allows. This changes by itself when a case closes.</source>
        <translation>Du vises som optaget: du har så mange åbne sager, som organisationen tillader. Det ændrer sig af sig selv, når en sag lukkes.</translation>
    </message>
    <message>
        <source>You have not said whether you are available.</source>
        <translation>Du har ikke sagt, om du er ledig.</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Sager</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Ledig</translation>
    </message>
    <message>
        <source>Set yourself available</source>
        <translation>Meld dig ledig</translation>
    </message>
    <message>
        <source>Away for</source>
        <translation>Væk i</translation>
    </message>
    <message>
        <source>Days away</source>
        <translation>Dage væk</translation>
    </message>
    <message>
        <source>days</source>
        <translation>dage</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Væk</translation>
    </message>
    <message>
        <source>Set yourself away for the chosen days</source>
        <translation>Meld dig væk i de valgte dage</translation>
    </message>
    <message>
        <source>That was a heavy case. Take a moment, and talk it through with a colleague or your contact person.</source>
        <translation>Det var en tung sag. Giv dig selv et øjeblik, og tal den igennem med en kollega eller din kontaktperson.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Close the debrief reminder</source>
        <translation>Luk påmindelsen om at tale sagen igennem</translation>
    </message>
    <message>
        <source>No cases. A case starts when you ask an organisation's helper for support (under Find help).</source>
        <translation>Ingen sager. En sag begynder, når du beder en hjælper i en organisation om støtte (under Find hjælp).</translation>
    </message>
    <message>
        <source>Seeker %1</source>
        <translation>Søgende %1</translation>
    </message>
    <message>
        <source>Any available helper</source>
        <translation>Den første ledige hjælper</translation>
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
        <translation>%1 af %2 samtaler</translation>
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
        <translation>%1 af %2 minutters støtte</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) of support</source>
        <translation>
            <numerusform>%n minuts støtte</numerusform>
            <numerusform>%n minutters støtte</numerusform>
        </translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached.</source>
        <translation>Organisationens grænse for denne sag er nået.</translation>
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation>Denne sag nærmer sig organisationens grænse.</translation>
    </message>
    <message>
        <source>Handover asked</source>
        <translation>Overdragelse foreslået</translation>
    </message>
</context>
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
    <message>
        <source>Verify safety number</source>
        <translation>Bekræft sikkerhedsnummer</translation>
    </message>
    <message>
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation>Sikkerhedsnummeret med denne kontakt er ændret. Du kan ikke sende, før du godkender det nye.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Se nærmere</translation>
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation>Se det ændrede sikkerhedsnummer</translation>
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
    <name>Devices</name>
    <message>
        <source>Devices</source>
        <translation>Enheder</translation>
    </message>
    <message>
        <source>The computers and phones that use your account. Unlink one you no longer use or do not recognise.</source>
        <translation>De computere og telefoner, der bruger din konto. Frakobl en, du ikke bruger mere eller ikke genkender.</translation>
    </message>
    <message>
        <source>This computer is no longer linked to your account. It cannot send or receive messages any more.</source>
        <translation>Denne computer er ikke længere forbundet med din konto. Den kan ikke sende eller modtage beskeder mere.</translation>
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation>%1 (denne computer)</translation>
    </message>
    <message>
        <source>Linked %1</source>
        <translation>Forbundet %1</translation>
    </message>
    <message>
        <source>Not seen yet</source>
        <translation>Ikke set endnu</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>Sidst set %1</translation>
    </message>
    <message>
        <source>Unlink</source>
        <translation>Frakobl</translation>
    </message>
    <message>
        <source>Unlink %1</source>
        <translation>Frakobl %1</translation>
    </message>
    <message>
        <source>Link another device</source>
        <translation>Forbind en anden enhed</translation>
    </message>
    <message>
        <source>Unlink this computer?</source>
        <translation>Frakobl denne computer?</translation>
    </message>
    <message>
        <source>Unlink %1?</source>
        <translation>Frakobl %1?</translation>
    </message>
    <message>
        <source>This computer can no longer connect to Kollega, and what it shows now stays only here. To use Kollega here again, you would need to link it again from another device of yours.</source>
        <translation>Denne computer kan ikke længere få forbindelse til Kollega, og det, den viser nu, findes kun her. For at bruge Kollega her igen skal du forbinde den på ny fra en anden af dine enheder.</translation>
    </message>
    <message>
        <source>%1 can no longer send or receive messages for your account. What is stored on it stays there until it is removed on that device.</source>
        <translation>%1 kan ikke længere sende eller modtage beskeder for din konto. Det, der er gemt på den, bliver der, indtil det fjernes på den enhed.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
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
    <message>
        <source>From a picture of the QR code …</source>
        <translation>Fra et billede af QR-koden …</translation>
    </message>
    <message>
        <source>A picture of the QR code on your other device</source>
        <translation>Et billede af QR-koden på din anden enhed</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Billeder (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>IdentityChangeDialog</name>
    <message>
        <source>Compare the new safety number</source>
        <translation>Sammenlign det nye sikkerhedsnummer</translation>
    </message>
    <message>
        <source>Safety number changed</source>
        <translation>Sikkerhedsnummeret er ændret</translation>
    </message>
    <message>
        <source>Accept the new safety number</source>
        <translation>Godkend det nye sikkerhedsnummer</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nu</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Færdig</translation>
    </message>
    <message>
        <source>The safety number with contact %1 has changed. This happens when they use Kollega on a new device or set it up again, but it can also mean that someone is trying to come in between.</source>
        <translation>Sikkerhedsnummeret med kontakt %1 er ændret. Det sker, når vedkommende bruger Kollega på en ny enhed eller har sat den op igen, men det kan også betyde, at nogen prøver at komme imellem.</translation>
    </message>
    <message>
        <source>Until you accept the new safety number, you cannot send messages to this contact, and their new messages wait. If you are not sure, ask them first in another way.</source>
        <translation>Indtil du godkender det nye sikkerhedsnummer, kan du ikke sende beskeder til denne kontakt, og nye beskeder derfra venter. Er du i tvivl, så spørg vedkommende først på en anden måde.</translation>
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, nobody is in between.</source>
        <translation>Sammenlign tallene med din kontakt, når I ses, eller i et opkald, du stoler på. Er de ens på begge skærme, sidder ingen imellem.</translation>
    </message>
</context>
<context>
    <name>LinkDeviceDialog</name>
    <message>
        <source>Link another device</source>
        <translation>Forbind en anden enhed</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>On the new device, choose "Link this computer" and scan or type this code.</source>
        <translation>Vælg "Forbind denne computer" på den nye enhed, og scan eller skriv denne kode.</translation>
    </message>
    <message>
        <source>Whoever has this code can join your account while it is valid. Show it only to your own device, and close this window when you are done.</source>
        <translation>Den, der har denne kode, kan komme ind på din konto, så længe den gælder. Vis den kun til din egen enhed, og luk vinduet, når du er færdig.</translation>
    </message>
    <message>
        <source>Making a code</source>
        <translation>Laver en kode</translation>
    </message>
    <message>
        <source>The linking code as a QR code</source>
        <translation>Forbindelseskoden som QR-kode</translation>
    </message>
    <message>
        <source>The linking code</source>
        <translation>Forbindelseskoden</translation>
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
    <message>
        <source>Conversations</source>
        <translation>Samtaler</translation>
    </message>
    <message>
        <source>Find help</source>
        <translation>Find hjælp</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Sager</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Enheder</translation>
    </message>
</context>
<context>
    <name>Organisations</name>
    <message>
        <source>Find help</source>
        <translation>Find hjælp</translation>
    </message>
    <message>
        <source>Woman</source>
        <translation>Kvinde</translation>
    </message>
    <message>
        <source>Man</source>
        <translation>Mand</translation>
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
        <translation>Læge</translation>
    </message>
    <message>
        <source>Dentist</source>
        <translation>Tandlæge</translation>
    </message>
    <message>
        <source>GP</source>
        <translation>Praktiserende læge</translation>
    </message>
    <message>
        <source>Midwife</source>
        <translation>Jordemoder</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>Sygeplejerske</translation>
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
        <translation>Væk indtil %1</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Væk</translation>
    </message>
    <message>
        <source>Full: not taking new cases right now</source>
        <translation>Fuld: tager ikke nye sager lige nu</translation>
    </message>
    <message>
        <source>Availability not known</source>
        <translation>Ukendt, om vedkommende er ledig</translation>
    </message>
    <message>
        <source>Join your organisation with the link or code it gave you, or with a picture of its QR code.</source>
        <translation>Meld dig til din organisation med det link eller den kode, du har fået, eller med et billede af dens QR-kode.</translation>
    </message>
    <message>
        <source>kollega://org?… or the code</source>
        <translation>kollega://org?… eller koden</translation>
    </message>
    <message>
        <source>The organisation's link or code</source>
        <translation>Organisationens link eller kode</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Meld dig til</translation>
    </message>
    <message>
        <source>Join the organisation</source>
        <translation>Meld dig til organisationen</translation>
    </message>
    <message>
        <source>From a QR image…</source>
        <translation>Fra et QR-billede …</translation>
    </message>
    <message>
        <source>Join from a picture of the QR code</source>
        <translation>Meld dig til med et billede af QR-koden</translation>
    </message>
    <message>
        <source>open now</source>
        <translation>åben nu</translation>
    </message>
    <message>
        <source>closed now; opens again at %1</source>
        <translation>lukket nu; åbner igen %1</translation>
    </message>
    <message>
        <source>closed now</source>
        <translation>lukket nu</translation>
    </message>
    <message>
        <source>Any organisation</source>
        <translation>Alle organisationer</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
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
        <translation>Alle faggrupper</translation>
    </message>
    <message>
        <source>Profession</source>
        <translation>Faggruppe</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Alle sprog</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprog</translation>
    </message>
    <message>
        <source>Any gender</source>
        <translation>Alle køn</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Køn</translation>
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
        <translation>Kun ledige</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Opdatér</translation>
    </message>
    <message>
        <source>Fetch the directory again</source>
        <translation>Hent oversigten igen</translation>
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation>Den første, der er ledig</translation>
    </message>
    <message>
        <source>Write to whoever of these helpers is available first</source>
        <translation>Skriv til den af disse hjælpere, der først er ledig</translation>
    </message>
    <message>
        <source>Helpers: %1</source>
        <translation>Hjælpere: %1</translation>
    </message>
    <message>
        <source>Write to this helper</source>
        <translation>Skriv til denne hjælper</translation>
    </message>
    <message>
        <source>Write to %1</source>
        <translation>Skriv til %1</translation>
    </message>
    <message>
        <source>A picture of the organisation's QR code</source>
        <translation>Et billede af organisationens QR-kode</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>Billeder (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
</context>
<context>
    <name>OutOfHoursDialog</name>
    <message>
        <source>%1 is closed now</source>
        <translation>%1 har lukket nu</translation>
    </message>
    <message>
        <source>The organisation is closed now.</source>
        <translation>Organisationen har lukket nu.</translation>
    </message>
    <message>
        <source>It opens again at %1.</source>
        <translation>Den åbner igen %1.</translation>
    </message>
    <message>
        <source>Your message will wait, and a helper answers when they can. If you need help right now, use the Safety button.</source>
        <translation>Din besked venter, og en hjælper svarer, så snart det er muligt. Har du brug for hjælp lige nu, så brug knappen Hjælp nu.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ikke nu</translation>
    </message>
    <message>
        <source>Do not send now</source>
        <translation>Send ikke nu</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Send alligevel</translation>
    </message>
    <message>
        <source>Send the message anyway</source>
        <translation>Send beskeden alligevel</translation>
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
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>All countries</source>
        <translation>Alle lande</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>On-call contact</source>
        <translation>Vagthavende</translation>
    </message>
</context>
<context>
    <name>SafetyNumberDialog</name>
    <message>
        <source>Safety number</source>
        <translation>Sikkerhedsnummer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Luk</translation>
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, your conversation is private: nobody is in between.</source>
        <translation>Sammenlign tallene med din kontakt, når I ses, eller i et opkald, du stoler på. Er de ens på begge skærme, er jeres samtale privat: ingen sidder imellem.</translation>
    </message>
</context>
<context>
    <name>SafetyNumberView</name>
    <message>
        <source>Working out the safety number…</source>
        <translation>Regner sikkerhedsnummeret ud …</translation>
    </message>
    <message>
        <source>Safety number: %1</source>
        <translation>Sikkerhedsnummer: %1</translation>
    </message>
    <message>
        <source>The safety number as a QR code</source>
        <translation>Sikkerhedsnummeret som QR-kode</translation>
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
    <name>StartCaseDialog</name>
    <message>
        <source>Write to %1</source>
        <translation>Skriv til %1</translation>
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation>Den første, der er ledig</translation>
    </message>
    <message>
        <source>What is it about? (you may leave this out)</source>
        <translation>Hvad handler det om? (du kan springe det over)</translation>
    </message>
    <message>
        <source>No category</source>
        <translation>Ingen kategori</translation>
    </message>
    <message>
        <source>Problem category</source>
        <translation>Emne</translation>
    </message>
    <message>
        <source>Your first message</source>
        <translation>Din første besked</translation>
    </message>
    <message>
        <source>A few words about what you would like to talk about</source>
        <translation>Et par ord om, hvad du gerne vil tale om</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuller</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send the first message</source>
        <translation>Send den første besked</translation>
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
    <message>
        <source>That file could not be opened as an image.</source>
        <translation>Filen kunne ikke åbnes som et billede.</translation>
    </message>
    <message>
        <source>No linking code was found in that image. Try a sharper picture, or type the code.</source>
        <translation>Der var ingen forbindelseskode i billedet. Prøv et skarpere billede, eller skriv koden.</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::CasesController</name>
    <message>
        <source>The message could not be sent: %1</source>
        <translation>Beskeden kunne ikke sendes: %1</translation>
    </message>
    <message>
        <source>The case could not be taken: %1</source>
        <translation>Sagen kunne ikke tages: %1</translation>
    </message>
    <message>
        <source>The card could not be shared: %1</source>
        <translation>Kortet kunne ikke deles: %1</translation>
    </message>
    <message>
        <source>The handover could not be asked: %1</source>
        <translation>Overdragelsen kunne ikke foreslås: %1</translation>
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
        <translation>Dit svar kunne ikke sendes: %1</translation>
    </message>
    <message>
        <source>The case could not be closed: %1</source>
        <translation>Sagen kunne ikke lukkes: %1</translation>
    </message>
    <message>
        <source>Your availability could not be changed: %1</source>
        <translation>Din status kunne ikke ændres: %1</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::Notifier</name>
    <message>
        <source>Open Kollega</source>
        <translation>Åbn Kollega</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afslut</translation>
    </message>
    <message numerus="yes">
        <source>Kollega: %n unread</source>
        <translation>
            <numerusform>Kollega: %n ulæst</numerusform>
            <numerusform>Kollega: %n ulæste</numerusform>
        </translation>
    </message>
    <message>
        <source>New message in Kollega</source>
        <translation>Ny besked i Kollega</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::OrganisationsController</name>
    <message>
        <source>Write a first message: a few words are enough.</source>
        <translation>Skriv en første besked: et par ord er nok.</translation>
    </message>
    <message>
        <source>Choose an organisation first.</source>
        <translation>Vælg en organisation først.</translation>
    </message>
    <message>
        <source>The app could not read the organisation's opening hours.</source>
        <translation>Appen kunne ikke læse organisationens åbningstider.</translation>
    </message>
    <message>
        <source>No helper who matches your choices is available right now. Choose fewer filters, or write to a helper in the list.</source>
        <translation>Ingen hjælper, der passer til dine valg, er ledig lige nu. Vælg færre filtre, eller skriv til en hjælper på listen.</translation>
    </message>
    <message>
        <source>Your message could not be sent: %1</source>
        <translation>Din besked kunne ikke sendes: %1</translation>
    </message>
    <message>
        <source>Paste or type the organisation's link or code first.</source>
        <translation>Indsæt eller skriv organisationens link eller kode først.</translation>
    </message>
    <message>
        <source>You joined %1.</source>
        <translation>Du er nu med i %1.</translation>
    </message>
    <message>
        <source>That file could not be opened as an image.</source>
        <translation>Filen kunne ikke åbnes som et billede.</translation>
    </message>
    <message>
        <source>No QR code was found in that image. Try a sharper picture, or paste the link instead.</source>
        <translation>Der var ingen QR-kode i billedet. Prøv et skarpere billede, eller indsæt linket i stedet.</translation>
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation>Kunne ikke opdatere: %1</translation>
    </message>
</context>
<context>
    <name>kollega::desktop::TrustController</name>
    <message>
        <source>The device could not be unlinked: %1</source>
        <translation>Enheden kunne ikke frakobles: %1</translation>
    </message>
    <message>
        <source>No code could be made: %1</source>
        <translation>Der kunne ikke laves en kode: %1</translation>
    </message>
    <message>
        <source>The safety number is not known yet: %1</source>
        <translation>Sikkerhedsnummeret kendes ikke endnu: %1</translation>
    </message>
    <message>
        <source>The new safety number could not be accepted: %1</source>
        <translation>Det nye sikkerhedsnummer kunne ikke godkendes: %1</translation>
    </message>
</context>
</TS>