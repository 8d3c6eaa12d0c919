<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name>CaseChat</name>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the cases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Case with seeker %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Case with %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close this case and wipe it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This case is no longer here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Refer the seeker on with a resource card.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation's limit for this case is reached. Your helper can point you to further help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The other side closed this case. Close it here too to wipe it from this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Take this case</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share a resource card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ask the seeker to hand the case over to another helper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Count your next message as a new conversation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Support time in minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Correct support time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your helper suggests that %1 takes over your case. If you agree, a new case starts with them, and only what you write below is passed on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>another helper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the new helper may know (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agree to the handover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Decline the handover and stay with your helper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation is closed now. Your message waits until a helper answers.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The safety number with this contact changed. Sending is paused until you accept the new one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Review the changed safety number</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CaseCloseDialog</name>
    <message>
        <source>Close this case?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close and wipe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close the case and wipe it from this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The case and its messages are wiped from this computer, and the other side is told it is closed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What the case was about (for the organisation's statistics, nothing else is kept):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This was heavy</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CaseEntriesList</name>
    <message>
        <source>Resource card: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You shared a resource card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your helper shared a resource card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hours: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CaseHandoverDialog</name>
    <message>
        <source>Hand over to another helper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no other helper in this organisation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The seeker is asked first. The other helper hears nothing unless the seeker agrees.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ask to hand over to %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CaseReferDialog</name>
    <message>
        <source>Share a resource card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation has no resource cards.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Cases</name>
    <message>
        <source>Offered to you: the first helper to take it has it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Waiting for a helper to take it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Closed by the other side</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are available for new cases.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are away until %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are away.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You show as full: you have as many open cases as the organisation allows. This changes by itself when a case closes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You have not said whether you are available.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set yourself available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Away for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days away</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set yourself away for the chosen days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That was a heavy case. Take a moment, and talk it through with a colleague or your contact person.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close the debrief reminder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No cases. A case starts when you ask an organisation's helper for support (under Find help).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seeker %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any available helper</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message>
        <source>since %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 conversations</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n conversation(s)</source>
        <translation>
            <numerusform>%n conversation</numerusform>
            <numerusform>%n conversations</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 minutes of support</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n minute(s) of support</source>
        <translation>
            <numerusform>%n minute of support</numerusform>
            <numerusform>%n minutes of support</numerusform>
        </translation>
    </message>
    <message>
        <source>The organisation's limit for this case is reached.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This case is nearing the organisation's limit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Handover asked</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Chat</name>
    <message>
        <source>Waiting to send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversation %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write a message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The message could not be saved. Please try again.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Conversations</name>
    <message>
        <source>Conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No conversations yet.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Conversation %1, %n new message(s)</source>
        <translation>
            <numerusform>Conversation %1, %n new message</numerusform>
            <numerusform>Conversation %1, %n new messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Conversation %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Account number of the person to write to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start the conversation</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <source>Devices</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Kollega</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Talk in confidence with a trained colleague. No name, no phone number, no e-mail: your account is a random number made on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Link this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a passphrase. It protects what Kollega keeps on this computer. Nobody can recover it for you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The same passphrase again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The code shown on your other device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Create my account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Setting up your account. This can take a minute.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Kollega</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Offline: messages wait and go out later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Find help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Organisations</name>
    <message>
        <source>Find help</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SafetyButton</name>
    <message>
        <source>Safety</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Safety: emergency and crisis numbers</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SafetyDialog</name>
    <message>
        <source>Help right now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>If you or someone else is in danger, call your local emergency number: 112.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>If you have thoughts of ending your life, call a crisis line or your own doctor today. You do not have to wait for a helper here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back to the conversations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lock Kollega after this many minutes without use (0: never)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Minutes before Kollega locks itself</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lock now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your account number, for someone who wants to write to you:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your account number</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Kollega is locked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type your passphrase to open your conversations.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kollega::desktop::AppController</name>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type the code shown on your other device.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type your passphrase.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That passphrase is not right. Nothing was changed; try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The app could not open its data: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not reach the Kollega service: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kollega::desktop::CasesController</name>
    <message>
        <source>The message could not be sent: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The case could not be taken: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The card could not be shared: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The handover could not be asked: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The support time could not be corrected: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A new conversation could not be started: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your answer could not be sent: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The case could not be closed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your availability could not be changed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>