"""The demo's story as data: one undergraduate's research-internship hunt, from a summer of cold
e-mails to three offers in hand.

Every date is a number of days relative to "today" (negative is the past), so the story is always
current: on any day it is loaded, something is due of every reminder kind. `tracker.demo.season` turns
these rows into real records through `tracker.store.writes.records`, in order of date.

The people and the labs are invented; the institutions and programs are real ones that students
of this kind apply to. No e-mail address here belongs to anyone (they use example domains).
"""

from __future__ import annotations

from tracker.demo.rows import Deal, Event, Letter, Msg, Note, Opp, Org, Stage, Talk, Who

__all__ = ["Deal", "Event", "Letter", "Msg", "Note", "Opp", "Org", "Stage", "Talk", "Who"]


# --- the student ----------------------------------------------------------------------------------

PROFILE = {
    "name": "Aarav Sharma",
    "gpa": "7.1/10",
    "home_institution": "VIT Vellore",
    "timezone": "Asia/Kolkata",
    "follow_up_email_days": 7,
    "follow_up_linkedin_days": 5,
    "recent_contact_days": 30,  # the duplicate guard's window (docs/duplicate-guard.md)
}

# --- organizations --------------------------------------------------------------------------------

VIT = "VIT Vellore"
GIST = "GIST"
NTU = "NTU Singapore"
UB = "University at Buffalo"
KAIST = "KAIST"
IISC = "IISc Bangalore"
TUDA = "TU Darmstadt"
NUS = "NUS"
OSU = "Oregon State University"
NORTHBRIDGE = "Northbridge AI Research"

ORGANIZATIONS = (
    Org(VIT, "India", "Vellore", "https://vit.ac.in", "Home institution (B.Tech CSE, final year)."),
    Org(GIST, "South Korea", "Gwangju", "https://www.gist.ac.kr", "Gwangju Institute of Science and Technology."),
    Org(NTU, "Singapore", "Singapore", "https://www.ntu.edu.sg", "Nanyang Technological University."),
    Org(UB, "United States", "Buffalo, NY", "https://www.buffalo.edu", "SUNY Buffalo."),
    Org(KAIST, "South Korea", "Daejeon", "https://www.kaist.ac.kr"),
    Org(IISC, "India", "Bengaluru", "https://iisc.ac.in", "Indian Institute of Science."),
    Org(TUDA, "Germany", "Darmstadt", "https://www.tu-darmstadt.de"),
    Org(NUS, "Singapore", "Singapore", "https://nus.edu.sg", "National University of Singapore."),
    Org(OSU, "United States", "Corvallis, OR", "https://oregonstate.edu"),
    Org("DAAD", "Germany", "Bonn", "https://www.daad.de", "German Academic Exchange Service; runs WISE."),
    Org("Mitacs", "Canada", "Vancouver", "https://www.mitacs.ca", "Runs Globalink Research Internships."),
    Org(NORTHBRIDGE, "India", "Bengaluru", None,
        "Industry research lab. Its careers portal is run from the US office: deadlines are in Pacific time."),
)

# --- people ---------------------------------------------------------------------------------------

KIM = "Kim Young-hoon"
SEO = "서민준"
TAN = "Tan Wei Ming"
LIM = "Lim Jia Hui"
CARTER = "Michael Carter"
RAO = "Aditi Rao"
PARK = "Park Ji-won"
ANAND = "Anand Krishnamurthy"
MULLER = "Jürgen Müller"
GOH = "Goh Kai Xiang"
WHITFIELD = "Sarah Whitfield"
MENON = "Rahul Menon"
NAIR = "Meera Nair"
BALA = "Suresh Balasubramanian"

PEOPLE = (
    Who(KIM, "professor", GIST, -120, lab="Computer Vision Lab", email="yh.kim@gist.example.ac.kr",
        research_areas="test-time adaptation; open-vocabulary detection",
        how_met="Cold e-mail after reading his CVPR paper; 서민준 suggested which paper to mention",
        notes="Replies late at night KST, briefly. Warm in the interview."),
    Who(SEO, "phd-student", GIST, -117, lab="Computer Vision Lab",
        research_areas="domain adaptation for driving scenes", how_met="LinkedIn",
        notes="Seo Min-jun, 3rd-year PhD. Writes his name in Hangul; answered within two days."),
    Who(TAN, "professor", NTU, -105, lab="Rapid Object Search Lab", email="wmtan@ntu.example.edu.sg",
        research_areas="instance search in video; learned hashing",
        how_met="Introduced by Lim Jia Hui on LinkedIn"),
    Who(LIM, "phd-student", NTU, -102, lab="Rapid Object Search Lab",
        research_areas="video retrieval", how_met="LinkedIn (VIT alumna, 2021 batch)",
        notes="Very honest about the lab: long hours before deadlines, but Prof. Tan meets everyone weekly."),
    Who(CARTER, "professor", UB, -92, lab="Multimodal Learning Lab", email="mcarter@buffalo.example.edu",
        research_areas="vision-language models; failure modes", how_met="Cold e-mail"),
    Who(RAO, "postdoc", UB, -80, lab="Multimodal Learning Lab",
        research_areas="robustness of vision-language models", how_met="LinkedIn",
        notes="Put in a word with Prof. Carter when he was buried in ICLR reviews."),
    Who(PARK, "professor", KAIST, -35, lab="Visual Reasoning Lab", email="jwpark@kaist.example.ac.kr",
        research_areas="compositional visual reasoning", how_met="Cold e-mail, second round"),
    Who(ANAND, "professor", IISC, -118, lab="Video Analytics Lab", email="anand.k@iisc.example.ac.in",
        research_areas="video anomaly detection; crowd analysis", how_met="Cold e-mail",
        notes="Three e-mails since August, no answer. Heard he is on sabbatical."),
    Who(MULLER, "professor", TUDA, -12, lab="Explainable Vision Group", email="mueller@tu-darmstadt.example.de",
        research_areas="explainable object detection", how_met="Cold e-mail, second round"),
    Who(GOH, "professor", NUS, -7, lab="Trustworthy Vision Group",
        research_areas="slice discovery; data-centric robustness",
        how_met="LinkedIn (his post about hiring summer interns)",
        notes="Assistant professor, group started this year."),
    Who(WHITFIELD, "professor", OSU, -112, research_areas="concept-based explanations; human-AI teaming",
        how_met="LinkedIn in August, after her talk on failure explanations", keep_in_touch_days=30,
        notes="We tried a remote collaboration on concept-based failure explanations for detectors; "
              "dropped when her CVPR deadline hit. She said to write again in the spring."),
    Who(MENON, "researcher", NORTHBRIDGE, -22, research_areas="ML reliability; failure explanation",
        how_met="LinkedIn, about the failure-explanation posting"),
    Who(NAIR, "writer", VIT, -130, email="meera.nair@vit.example.ac.in",
        research_areas="deep learning", how_met="Final-year project guide",
        notes="Needs a week's notice and a one-page summary of what I did in her course and project."),
    Who(BALA, "writer", VIT, -130, email="s.bala@vit.example.ac.in",
        research_areas="computer vision", how_met="Taught Computer Vision; supervised my summer project",
        notes="Prefers a phone call before any portal e-mail reaches him."),
)

# --- opportunities and what happened, in any order (the loader sorts by day) -----------------------

O_GIST = "Computer Vision Lab, GIST"
O_NTU = "Rapid Object Search Lab, NTU"
O_UB = "Multimodal Learning Lab, University at Buffalo"
O_KAIST = "Visual Reasoning Lab, KAIST"
O_IISC = "Video Analytics Lab, IISc"
O_TUDA = "Explainable Vision Group, TU Darmstadt"
O_NUS = "Trustworthy Vision Group, NUS"
O_DAAD = "DAAD WISE"
O_MITACS = "Mitacs Globalink Research Internship"
O_NTUIC = "NTU India Connect Research Internship"
O_POSTING = "Research Intern – Failure Explanation in ML"

TIMELINE: tuple[Event, ...] = (
    # Structured programs: one rejected, one withdrawn, one out of reach on GPA.
    Opp(-125, O_MITACS, "program", "Mitacs", deadline=-110, min_gpa="3.0/4", url="https://www.mitacs.ca/",
        location_rule="Canadian universities; undergraduates only",
        notes="Ranked seven projects in Canada. CGPA below the usual bar, applied anyway."),
    Stage(-118, O_MITACS, "applied"),
    Stage(-20, O_MITACS, "rejected"),
    Opp(-95, O_NTUIC, "program", NTU, deadline=-80, letters_required=1, min_gpa="7/10",
        notes="Backup to the direct route; the portal e-mails the referee after submission."),
    Letter(-86, O_NTUIC, NAIR, "alerted"),
    Stage(-85, O_NTUIC, "applied"),
    Letter(-83, O_NTUIC, NAIR, "submitted"),
    Letter(-81, O_NTUIC, NAIR, "thanked"),
    Stage(-5, O_NTUIC, "withdrawn"),
    Opp(-60, O_DAAD, "program", "DAAD", deadline=35, min_gpa="8/10", url="https://www.daad.de/",
        location_rule="German universities; host professor's acceptance needed",
        notes="Cut-off 8/10 CGPA and mine is 7.1. Only worth it if a German host pushes for me."),
    # GIST: a PhD student on LinkedIn opened the door; an offer in the end.
    Opp(-120, O_GIST, "outreach", GIST, lab="Computer Vision Lab", contact=KIM,
        stipend="KRW 1,500,000/month + dorm",
        notes="Test-time adaptation: exactly my interest. Prof. Kim takes one or two interns each summer."),
    Msg(-116, "linkedin", "sent", SEO, O_GIST, "Summer internships in Prof. Kim's lab?",
        notes="Asked which of the lab's papers is closest to my detection project."),
    Msg(-114, "linkedin", "received", SEO, O_GIST, "Re: Summer internships",
        notes="He takes 1-2 interns; mention the CVPR test-time adaptation paper and attach a one-page summary."),
    Msg(-113, "email", "sent", KIM, O_GIST, "Prospective summer research intern: test-time adaptation",
        paper="Anchor-Free Test-Time Adaptation for Open-Vocabulary Detection (CVPR 2025)"),
    Msg(-99, "email", "received", KIM, O_GIST, "Re: Prospective summer research intern",
        notes="Asked for CV, transcript and a short video call."),
    Msg(-97, "email", "sent", KIM, O_GIST, "CV and transcript", notes="Sent CV, transcript, project summary."),
    Stage(-97, O_GIST, "applied"),
    Msg(-41, "email", "received", KIM, O_GIST, "Interview for the summer internship"),
    Stage(-41, O_GIST, "interviewing"),
    Talk(-41, -34, "10:00", "Asia/Seoul", O_GIST, "present your previous work", KIM,
         notes="15-minute talk on the road-scene project.",
         outcome="Went well; he asked a lot about how I labelled the failure slices."),
    Msg(-12, "email", "received", KIM, O_GIST, "Internship offer", notes="Offer letter attached; dorm included."),
    Deal(-12, O_GIST, 21, 1_500_000, "KRW", (6, 29), (8, 28)),
    # NTU: LinkedIn first, then the professor; an offer with a short fuse.
    Opp(-105, O_NTU, "outreach", NTU, lab="Rapid Object Search Lab", contact=TAN, stipend="SGD 2,000/month",
        notes="Video instance search; big GPU cluster. Prof. Tan wants an answer within ten days."),
    Msg(-101, "linkedin", "sent", LIM, O_NTU, "VIT alumna question: interning with Prof. Tan?"),
    Msg(-100, "linkedin", "received", LIM, O_NTU, "Re: interning with Prof. Tan",
        notes="Yes, e-mail him directly and cc her; he reads e-mails that name a specific paper."),
    Msg(-99, "email", "sent", TAN, O_NTU, "Summer research internship: instance search in video",
        paper="Search Anything in Hours of Video: Learned Hashing for Instance Retrieval (ICCV 2025)"),
    Msg(-92, "email", "received", TAN, O_NTU, "Re: Summer research internship",
        notes="Fill in the lab's intern form; he will look at it with the group."),
    Stage(-90, O_NTU, "applied"),
    Msg(-26, "email", "received", TAN, O_NTU, "Interview slot"),
    Stage(-26, O_NTU, "interviewing"),
    Talk(-26, -19, "16:00", "Asia/Singapore", O_NTU, "basic ML questions", TAN,
         outcome="Bias-variance, batch norm, an IoU question on the whiteboard. Felt fine."),
    Msg(-6, "email", "received", TAN, O_NTU, "Offer: summer internship", notes="Reply within ten days, please."),
    Deal(-6, O_NTU, 4, 2_000, "SGD", (5, 18), (7, 31)),
    # Four days ago, within the guard's window: writing to Prof. Tan now warns about this message to his lab.
    Msg(-4, "linkedin", "sent", LIM, O_NTU, "Got the offer! What is the lab like day to day?"),
    Msg(-3, "linkedin", "received", LIM, O_NTU, "Re: the offer",
        notes="Weekly meetings, friendly group, hall of residence 10 minutes away. Busy before deadlines."),
    # Buffalo: the professor was silent until a postdoc put in a word.
    Opp(-92, O_UB, "outreach", UB, lab="Multimodal Learning Lab", contact=CARTER, stipend="USD 2,500/month",
        notes="Failure modes of vision-language models: the closest to what I want to do. J-1 visa takes ~6 weeks."),
    Msg(-88, "email", "sent", CARTER, O_UB, "Undergraduate research internship: failure modes of VLMs",
        paper="Grounding Failure Modes in Vision-Language Models (NeurIPS 2024)"),
    Msg(-79, "linkedin", "sent", RAO, O_UB, "Your lab's VLM failure-mode work"),
    Msg(-77, "linkedin", "received", RAO, O_UB, "Re: VLM failure modes",
        notes="He is buried in ICLR reviews; she will mention me at group meeting."),
    Msg(-73, "email", "received", CARTER, O_UB, "Re: Undergraduate research internship",
        notes="Aditi mentioned you. Send a one-page proposal."),
    Msg(-70, "email", "sent", CARTER, O_UB, "One-page proposal", notes="Proposal: slice discovery for VLM errors."),
    Stage(-70, O_UB, "applied"),
    Msg(-30, "email", "received", CARTER, O_UB, "Interview next week?"),
    Stage(-30, O_UB, "interviewing"),
    Talk(-30, -27, "09:30", "America/New_York", O_UB, "present your previous work; basic ML questions", CARTER,
         notes="20:00 in Vellore. Aditi joined.", outcome="Positive; he liked the proposal's evaluation plan."),
    Msg(-3, "email", "received", CARTER, O_UB, "Summer internship offer"),
    Deal(-3, O_UB, 18, 2_500, "USD", (6, 1), (8, 7)),
    # KAIST: second round, interview tomorrow.
    Opp(-35, O_KAIST, "outreach", KAIST, lab="Visual Reasoning Lab", contact=PARK,
        notes="Second round, with the workshop paper on my CV."),
    Msg(-31, "email", "sent", PARK, O_KAIST, "Research internship: compositional visual reasoning",
        paper="Compositional Visual Reasoning with Program-Guided Attention (ICCV 2025)"),
    Msg(-23, "email", "received", PARK, O_KAIST, "Re: Research internship", notes="Interested; send a CV."),
    Msg(-22, "email", "sent", PARK, O_KAIST, "CV", notes="CV with the workshop paper."),
    Stage(-22, O_KAIST, "applied"),
    Msg(-9, "email", "received", PARK, O_KAIST, "Interview",
        notes="Present one of my papers and tell me how you would improve it."),
    Stage(-9, O_KAIST, "interviewing"),
    Talk(-9, 1, "14:00", "Asia/Seoul", O_KAIST, "present one of the professor's papers and suggest improvements",
         PARK, notes="10 slides on the program-guided attention paper; three improvement ideas; "
                     "have the ablation numbers ready. 10:30 in Vellore."),
    # Cold e-mails still waiting.
    Opp(-118, O_IISC, "outreach", IISC, lab="Video Analytics Lab", contact=ANAND),
    Msg(-115, "email", "sent", ANAND, O_IISC, "Research internship enquiry: crowd anomaly detection",
        paper="Spatio-Temporal Graph Reasoning for Crowd Anomaly Detection (WACV 2025)"),
    Msg(-101, "email", "sent", ANAND, O_IISC, "Follow-up: research internship enquiry"),
    Msg(-80, "email", "sent", ANAND, O_IISC, "Follow-up: research internship (with project video)"),
    Opp(-12, O_TUDA, "outreach", TUDA, lab="Explainable Vision Group", contact=MULLER,
        notes="New round now that the workshop paper is accepted."),
    Msg(-8, "email", "sent", MULLER, O_TUDA, "Research internship: explaining detector failures",
        paper="Counterfactual Crops: Explaining Why Object Detectors Miss (ECCV 2024)",
        notes="Attached the workshop paper."),
    Opp(-7, O_NUS, "outreach", NUS, lab="Trustworthy Vision Group", contact=GOH),
    Msg(-5, "linkedin", "sent", GOH, O_NUS, "Re your post on summer interns",
        paper="Slice Discovery for Vision Models without Labels (CVPR 2025 workshop)"),
    # An industry posting with a deadline in Pacific time and two letters to line up.
    Opp(-22, O_POSTING, "posting", NORTHBRIDGE, contact=MENON, deadline=(10, "23:59", "America/Los_Angeles"),
        letters_required=2, location_rule="Bengaluru office or remote in India; enrolled in a degree throughout",
        stipend="INR 80,000-1,00,000/month",
        notes="The portal asks the writers only after I submit, so warn them first."),
    Msg(-20, "linkedin", "sent", MENON, O_POSTING, "Question about the failure-explanation internship"),
    Msg(-18, "linkedin", "received", MENON, O_POSTING, "Re: failure-explanation internship",
        notes="Apply; the team likes a concrete failure-analysis project. Mention the slice-discovery work."),
    Msg(-15, "email", "sent", NAIR, O_POSTING, "Reference letter for Northbridge AI Research?"),
    Letter(-15, O_POSTING, NAIR, "alerted"),
    Msg(-14, "email", "received", NAIR, O_POSTING, "Re: Reference letter", notes="Happy to; send the summary."),
    Letter(-14, O_POSTING, NAIR, "agreed", via="portal",
           attachments="CV; one-page summary of my course project; the workshop paper"),
    Letter(-14, O_POSTING, BALA, None, notes="Call him before the portal e-mails him.", via="portal",
           attachments="CV; summary of the summer project"),
    # The letters desk: each writer is asked for two letters, so each gets one message.
    Letter(-8, O_KAIST, BALA, "alerted", via="email", submit_to="jwpark@kaist.example.ac.kr",
           attachments="CV; transcript", notes="Prof. Park asked for one letter e-mailed to him directly."),
    Letter(-4, O_DAAD, NAIR, None, via="portal",
           attachments="CV; transcript; draft statement of purpose"),
    # A relationship kept alive beyond any one application.
    Msg(-112, "linkedin", "sent", WHITFIELD, None, "Your talk on failure explanations",
        paper="Concept-Based Failure Explanations for Image Classifiers (AAAI 2024)"),
    Msg(-110, "linkedin", "received", WHITFIELD, None, "Re: your talk", notes="Happy to chat; sent a Zoom link."),
    Msg(-96, "call", "sent", WHITFIELD, None, "Zoom: concept-based explanations for detectors",
        notes="45 minutes. Agreed to try a small remote collaboration on my road-scene failures."),
    Msg(-68, "meeting", "sent", WHITFIELD, None, "Zoom: first results",
        notes="Showed concept scores for missed pedestrians; she suggested a user study."),
    Msg(-40, "email", "received", WHITFIELD, None, "Pausing for now",
        notes="CVPR deadline and grant report: let's pause the collaboration. Write again in the spring."),
    # Reminders set by hand.
    Note(-3, "Ask Prof. Whitfield whether she takes interns in the January cycle", 2, person=WHITFIELD),
    Note(-2, "Update CV and website with the workshop paper "
             "(Where Do Detectors Fail? Slice Discovery on Indian Road Scenes)", 2),
)
