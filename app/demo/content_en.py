"""The English example series: an invented wellbeing services county plans a training
programme on digital guidance competence in three HyvänMitta workshops. Everything here is
made up for the example; the titles say so."""

SERIES = {
    "title": "Example: Digital guidance competence",
    "topic": "digital guidance competence",
    "organisation": "Exampleton wellbeing services county (invented)",
}

# How the facilitator's edits are signed when their account has no name.
FACILITATOR = "Facilitator"

# None joins without a name, as some participants do.
PARTICIPANTS = ["Aino", "Mikko", "Leena", "Juha", "Sanna", None]

WORKSHOPS = [
    {
        "title": "Example: Workshop 1 – Current state and needs",
        "current": "impact",
        "steps": {
            "need": {
                "hidden": True,
                "timer": 300,
                "done": True,
                "lock": True,
                "notes": {
                    "needed": [
                        "Guiding a client into e-services on the client's own device",
                        "The basics of data security and strong identification, to advise safely",
                        "Remote appointments: how trust is built through a screen",
                        "Attitude: a digital service is one way to help, not a way to push the "
                        "client away",
                    ],
                    "existing": [
                        "Many have used Teams meetings with colleagues",
                        "A few units already have digital support persons",
                        "Customer service knows the patient portal and online booking well",
                    ],
                    "to_develop": [
                        "Shared guidance on when a remote appointment fits and when it does not",
                        "Assessing the client's digital skills at the first visit",
                        "Plain-language instructions for the e-services",
                        "New employees need the basics of digital guidance during induction",
                        "Managers lack ways to support their team's digital competence",
                    ],
                    "consequences": [
                        "Older people and those with weak digital skills are left without services",
                        "Phone queues grow when nobody knows how to use the digital channels",
                        "Everyone advises in their own way and clients get conflicting advice",
                    ],
                    "causes": ["Services moved online faster than training kept up"],
                    "affected": ["About 4,000 professionals in client work, and their clients"],
                    "influence": [
                        "Our own guidance skills and shared practices, not the systems themselves"
                    ],
                },
            },
            "vision": {
                "vision": [
                    "Everyone in client work can guide a client to a digital service.",
                    "By 2028 everyone in client work can guide a client to the digital service "
                    "that suits them and support them in using it. Nobody is left without a "
                    "service for lack of digital skills.",
                ],
                "notes": {
                    "themes": [
                        "Digital support is part of everyone's core job",
                        "The client chooses: digital or face to face",
                        "Managers support trying things out and learning",
                    ],
                    "benefits": [
                        "Clients are served sooner",
                        "Fewer unnecessary visits and calls",
                        "Staff feel competent and the work flows",
                    ],
                },
            },
            "impact": {
                "notes": {
                    "changes": [
                        "By the end of 2026, 80% of client-work staff have taken the basic module",
                        "Digital support given is recorded in client records from 2027",
                        "Satisfaction with e-services rises in client feedback",
                    ],
                },
                "themes": {
                    "themes": [
                        {
                            "title": "Meeting the client remotely",
                            "description": "Interaction and trust through a screen",
                            "notes": [
                                "Opening and closing a remote appointment",
                                "How I notice that the client does not understand",
                            ],
                        },
                        {
                            "title": "Guiding clients to e-services",
                            "description": "The most common services familiar to all",
                            "notes": [
                                "Patient portal and booking familiar to everyone",
                                "The client's own device and identification",
                            ],
                        },
                        {
                            "title": "Shared practices and leadership",
                            "description": "Guidance, responsibilities and time to learn",
                            "notes": [
                                "Shared guidance and a contact person in every unit",
                                "Time for learning during working hours",
                            ],
                        },
                    ],
                },
                "votes": {
                    "Patient portal and booking familiar to everyone": 5,
                    "Time for learning during working hours": 5,
                    "Opening and closing a remote appointment": 4,
                    "The client's own device and identification": 2,
                    "Shared guidance and a contact person in every unit": 2,
                },
            },
        },
    },
    {
        "title": "Example: Workshop 2 – Goals, resources and actions",
        "current": "resources",
        "steps": {
            "methods": {
                "notes": {
                    "methods": [
                        {
                            "method": "Short videos and quick guides",
                            "how": [
                                "3–5 minute videos on the most common services",
                                "A printable quick guide for the client",
                            ],
                            "for_groups": ["New employees", "Staff in client work"],
                        },
                        {
                            "method": "Simulated remote appointment",
                            "how": [
                                "Practice in pairs, one playing the client",
                                "Debrief and feedback from the trainer",
                            ],
                            "for_groups": ["Staff in client work"],
                        },
                        {
                            "method": "Network of digital support persons",
                            "how": ["A monthly online meeting", "A shared channel for questions"],
                            "for_groups": ["Digital support persons"],
                        },
                        {
                            "method": "Coaching for managers",
                            "how": [
                                "Two 1.5-hour workshops",
                                "Going through the team's own competence survey",
                            ],
                            "for_groups": ["Managers"],
                        },
                    ],
                },
            },
            "target_groups": {
                "notes": {
                    "groups": [
                        {
                            "group": "New employees",
                            "goal": "Can guide a client to the most common e-services within "
                            "their first month at work.",
                            "contents": [
                                "Induction video",
                                "Basics of e-services",
                                "Data protection in client guidance",
                            ],
                            "module": "Basics of digital guidance",
                            "hours": "2",
                            "size": "about 150 a year",
                            "frequency": "during induction",
                        },
                        {
                            "group": "Staff in client work",
                            "goal": "Can assess a client's digital skills and choose a suitable "
                            "service channel together with the client.",
                            "contents": [
                                "Raising digital skills in conversation",
                                "Interaction in remote appointments",
                                "Plain language in guidance",
                            ],
                            "module": "Digital client guidance",
                            "hours": "6",
                            "size": "20",
                            "frequency": "once a year",
                        },
                        {
                            "group": "Managers",
                            "goal": "Supports the team's digital competence and makes time for "
                            "learning.",
                            "contents": [
                                "Competence in development discussions",
                                "Leading experiments",
                            ],
                            "module": "Leading digital competence",
                            "hours": "3",
                            "size": "15",
                            "frequency": "twice a year",
                        },
                    ],
                },
            },
            "resources": {
                "groups": [
                    {
                        "members": [0, 1, 2],
                        "chair": 0,
                        "notes": {
                            "available": [
                                "Digital support persons in six units",
                                "Project funding for training videos in 2026",
                            ],
                            "materials": ["The national digital support training materials"],
                        },
                    },
                    {
                        "members": [3, 4, 5],
                        "chair": 3,
                        "notes": {
                            "available": ["A learning platform for an online course"],
                            "materials": ["The county's own e-service instructions online"],
                            "trainers": ["The customer service team lead can run workshops"],
                        },
                    },
                ],
                "notes": {
                    "trainers": ["The library's digital guides as partners"],
                    "costs": [
                        "Producing the videos about €8,000, from project funding",
                        "Participants' working time: 6 h × 20 people × 10 groups a year",
                    ],
                },
            },
        },
    },
    {
        "title": "Example: Workshop 3 – Completing the plan and making it concrete",
        "current": "feedback",
        "steps": {
            "schedule": {
                "notes": {
                    "short_term": [
                        {
                            "when": "September 2026",
                            "what": "Induction videos for new employees ready and in use",
                        },
                        {
                            "when": "October–November 2026",
                            "what": "Simulation exercises for staff in client work in two "
                            "pilot units",
                        },
                    ],
                    "long_term": [
                        {"when": "2027", "what": "An online course for all client-work staff"},
                        {"when": "Spring 2027", "what": "Coaching for managers in every area"},
                        {"when": "2028", "what": "Evaluation of the effects and a plan update"},
                    ],
                },
            },
            "responsibilities": {
                "notes": {
                    "tasks": [
                        {
                            "task": "Scripting and filming the videos",
                            "owner": "Communications and digital support persons",
                            "deadline": "31 August 2026",
                        },
                        {
                            "task": "Designing the simulation exercises for staff in client work",
                            "owner": "Training planner",
                            "deadline": "30 September 2026",
                        },
                        {
                            "task": "Organising the coaching for managers",
                            "owner": "HR services",
                            "deadline": "31 December 2026",
                        },
                    ],
                },
            },
            "results": {
                "timer": 600,
                "notes": {
                    "short_term_results": ["Staff feel able to guide clients to e-services"],
                    "long_term_impact": [
                        "Lack of digital skills no longer blocks access to services"
                    ],
                },
            },
            "indicators": {
                "notes": {
                    "participation": [
                        {
                            "indicator": "Share of staff trained, per unit",
                            "source": "Training register",
                            "who": "Training planner",
                            "when": "Quarterly",
                        },
                    ],
                    "quality": [
                        {
                            "indicator": "Participant feedback on a 1–5 scale",
                            "source": "Feedback survey at the end of each session",
                            "who": "Trainers",
                            "when": "After every session",
                        },
                    ],
                    "effectiveness": [
                        {
                            "indicator": "Competence survey before and after the training",
                            "source": "Competence survey",
                            "who": "Managers",
                            "when": "Before the training and six months later",
                        },
                        {
                            "indicator": "Share of e-service use and client satisfaction",
                            "source": "Client feedback and e-service statistics",
                            "who": "Development unit",
                            "when": "Once a year",
                        },
                    ],
                    "costs": [
                        {
                            "indicator": "Cost of the training per participant",
                            "source": "Financial follow-up and working-time records",
                            "who": "Controller",
                            "when": "With the annual accounts",
                        },
                    ],
                },
            },
            "follow_up": {
                "notes": {
                    "monitoring": ["The steering group follows implementation quarterly"],
                    "open_questions": [
                        "Is digital support written into job descriptions? Management to decide"
                    ],
                    "next_steps": ["The plan goes to the units for comments in May"],
                    "validity": ["Valid for 2026–2027, updated every autumn"],
                    "other_plans": [
                        "Part of the staffing plan and the competence development plan"
                    ],
                    "approval": ["The management team approves the plan in June 2026"],
                },
            },
            "feedback": {
                "done": True,
                "ratings": [
                    (5, "A clear structure, and my voice was heard."),
                    (4, "The small groups could have had more time."),
                    (5, ""),
                    (4, "Good that everyone saw the results at once."),
                    (3, "I would have liked to discuss before voting."),
                    (5, "The best remote workshop this year!"),
                ],
            },
        },
    },
]
