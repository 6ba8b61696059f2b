extension Phrasebook {
    static let english = Phrasebook(
        lang: "en",
        positive: Tone(
            branded: [
                "I have to say {b} really impressed me this week.",
                "Never had a problem with {b} in years.",
                "{b} support answered within an hour and actually fixed it.",
                "Great experience with {b}, highly recommended.",
                "Kudos to {b} for owning the mistake and refunding me straight away.",
                "The new {b} app is genuinely pleasant to use.",
            ].map(Template.init),
            general: [
                "That is what good customer care looks like.",
                "You can tell they actually listen.",
                "Friendly, fast and no script reading.",
                "Nothing to complain about, honestly.",
                "Trust is earned one reply at a time, and they get it.",
                "The follow-up email even asked whether everything was fine.",
                "I did not expect that level of care, to be honest.",
            ]
        ),
        negative: Tone(
            branded: [
                "Not happy with {b} at all, and not for the first time.",
                "Still waiting for {b} to answer my complaint after three reminders.",
                "I would not recommend {b} to anyone.",
                "{b} charged me twice and nobody can explain why.",
                "The {b} app has not worked since the last update.",
                "Trying to reach a human at {b} is a waste of time.",
            ].map(Template.init),
            general: [
                "It feels like nobody is listening.",
                "Automated replies are no substitute for someone who understands the problem.",
                "Disappointing, and clearly I am not the only one.",
                "Once trust is gone it is very hard to win back.",
                "No apology, no explanation, nothing.",
                "Three different answers from three different agents.",
                "I am not renewing, that much is certain.",
            ]
        ),
        neutral: Tone(
            branded: [
                "{b} announced changes to its customer service.",
                "I compared {b} with its main competitors.",
                "{b} publishes complaint statistics every quarter.",
                "A {b} manager spoke at the conference on Tuesday.",
                "{b} is testing a new messaging channel for support.",
                "The latest {b} annual report has a chapter on customer experience.",
            ].map(Template.init),
            general: [
                "Customer relations now happen in public.",
                "People compare, comment and recommend all the time.",
                "Information governance is becoming a board-level topic.",
                "It will take a few months to measure the effects.",
                "Analysts are following these trends closely.",
                "The debate is far from over.",
                "Data retention remains an open question.",
                "Surveys tell only part of the story.",
            ]
        ),
        crisis: Tone(
            branded: [
                "Calls to boycott {b} are spreading fast.",
                "Another outage at {b}, thousands of customers locked out since this morning.",
                "{b} confirmed a data leak affecting customer records.",
                "People are calling it a scam after the latest {b} bills.",
            ].map(Template.init),
            general: [
                "Anger is growing on social media.",
                "The crisis statements so far reassure nobody.",
                "Consumer groups are demanding answers.",
            ]
        ),
        comparisons: [
            "{b} faces exactly the same questions.",
            "By comparison, {b} took a very different route.",
        ].map(Template.init),
        titles: [
            "{b}: my take after six months",
            "What {b} gets right about customer care",
            "{b} under scrutiny",
            "{b} and social media, where are we now?",
        ].map(Template.init),
        crisisTitles: [
            "{b} outage: enough is enough",
            "Boycott {b}?",
            "{b} data leak: what we know",
        ].map(Template.init),
        campaignTitles: [
            "{b} launches a long-awaited offer",
        ].map(Template.init),
        generalTitles: [
            "Customer care is a conversation",
            "Information governance: where to start",
            "Listening before talking",
        ],
        commentLeads: (
            positive: ["Great post, thanks.", "Spot on."],
            negative: ["I could not disagree more.", "Not my experience at all."],
            neutral: ["Interesting, any numbers on that?", "Thanks for sharing."]
        ),
        firstNames: ["James", "Emily", "Michael", "Sarah", "David", "Laura", "Daniel", "Emma", "Chris", "Olivia"],
        lastNames: ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Hughes", "Clarke"],
        pseudonyms: ["frequent_flyer", "grumpy_customer", "techwatcher", "jess_k", "support_survivor"],
        sites: [
            Site(name: "Customer Voice Weekly", host: "customer-voice-weekly"),
            Site(name: "The Service Desk", host: "the-service-desk"),
        ]
    )
}
