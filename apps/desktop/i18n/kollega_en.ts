<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB">
<context>
    <name />
    <message>
        <source>That is not an organisation's card. Check that you copied all of it: it starts with kollega://org?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This card is for an organisation on another Kollega service than your account's. Ask the organisation for the card for your service.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The Kollega service could not be reached. Check your connection and try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation has not published its details yet. Try again later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation's details did not pass the check against its card, so nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not join the organisation: %1</source>
        <translation type="unfinished" />
    </message>
</context>
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
    <message>
        <source>Verify safety number</source>
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
    <message>
        <source>The computers and phones that use your account. Unlink one you no longer use or do not recognise.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer is no longer linked to your account. It cannot send or receive messages any more.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (this computer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Linked %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not seen yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last seen %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlink</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlink %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Link another device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlink this computer?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlink %1?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer can no longer connect to Kollega, and what it shows now stays only here. To use Kollega here again, you would need to link it again from another device of yours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 can no longer send or receive messages for your account. What is stored on it stays there until it is removed on that device.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
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
    <message>
        <source>From a picture of the QR code …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A picture of the QR code on your other device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>IdentityChangeDialog</name>
    <message>
        <source>Compare the new safety number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Safety number changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accept the new safety number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The safety number with contact %1 has changed. This happens when they use Kollega on a new device or set it up again, but it can also mean that someone is trying to come in between.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Until you accept the new safety number, you cannot send messages to this contact, and their new messages wait. If you are not sure, ask them first in another way.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, nobody is in between.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LinkDeviceDialog</name>
    <message>
        <source>Link another device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On the new device, choose "Link this computer" and scan or type this code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whoever has this code can join your account while it is valid. Show it only to your own device, and close this window when you are done.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Making a code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The linking code as a QR code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The linking code</source>
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
    <message>
        <source>Woman</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Man</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Public sector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Private practice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dentist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Midwife</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nurse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Psychologist</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Away until %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Away</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Full: not taking new cases right now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Availability not known</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join your organisation with the link or code it gave you, or with a picture of its QR code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>kollega://org?… or the code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation's link or code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join the organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From a QR image…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join from a picture of the QR code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>open now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>closed now; opens again at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>closed now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any profession</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Profession</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any gender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any sector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sector</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Available only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fetch the directory again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write to whoever of these helpers is available first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Helpers: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write to this helper</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write to %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A picture of the organisation's QR code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OutOfHoursDialog</name>
    <message>
        <source>%1 is closed now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The organisation is closed now.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>It opens again at %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your message will wait, and a helper answers when they can. If you need help right now, use the Safety button.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Do not send now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send the message anyway</source>
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
    <message>
        <source>Organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All countries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>On-call contact</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SafetyNumberDialog</name>
    <message>
        <source>Safety number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Compare these numbers with your contact, in person or on a call you trust. If they are the same on both screens, your conversation is private: nobody is in between.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SafetyNumberView</name>
    <message>
        <source>Working out the safety number…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Safety number: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The safety number as a QR code</source>
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
    <name>StartCaseDialog</name>
    <message>
        <source>Write to %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whoever is available first</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>What is it about? (you may leave this out)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Problem category</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your first message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A few words about what you would like to talk about</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send the first message</source>
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
    <message>
        <source>That file could not be opened as an image.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No linking code was found in that image. Try a sharper picture, or type the code.</source>
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
<context>
    <name>kollega::desktop::Notifier</name>
    <message>
        <source>Open Kollega</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Kollega: %n unread</source>
        <translation>
            <numerusform>Kollega: %n unread</numerusform>
            <numerusform>Kollega: %n unread</numerusform>
        </translation>
    </message>
    <message>
        <source>New message in Kollega</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kollega::desktop::OrganisationsController</name>
    <message>
        <source>Write a first message: a few words are enough.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose an organisation first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The app could not read the organisation's opening hours.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No helper who matches your choices is available right now. Choose fewer filters, or write to a helper in the list.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your message could not be sent: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Paste or type the organisation's link or code first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You joined %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That file could not be opened as an image.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No QR code was found in that image. Try a sharper picture, or paste the link instead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Could not refresh: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>kollega::desktop::TrustController</name>
    <message>
        <source>The device could not be unlinked: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No code could be made: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The safety number is not known yet: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new safety number could not be accepted: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>