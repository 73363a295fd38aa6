"""Made-up but realistic words for the benchmark data: names, institutions, labs, topics.

Every person in the generated data is invented: first and last names are drawn
independently from these pools (with a middle initial), so no row describes a real person.
The open-threads shape also writes about a quarter of the names in their own script
(NATIVE_NAMES), drawn the same way.
Institutions and companies are real names, used only as places.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    # India
    "Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Sneha", "Arjun", "Kavya", "Rahul", "Divya",
    "Karthik", "Meera", "Siddharth", "Pooja", "Aditya", "Neha", "Suresh", "Lakshmi", "Anand", "Deepa",
    "Ravi", "Shreya", "Varun", "Ishita", "Nikhil", "Aishwarya", "Manish", "Swati", "Harish", "Revathi",
    # Korea, China, Japan, Singapore
    "Minsoo", "Jiwoo", "Seojun", "Hyunwoo", "Jisoo", "Eunji", "Donghyun", "Sujin", "Wei", "Jing",
    "Hao", "Lei", "Xin", "Yu", "Mei", "Zhiwei", "Xiaoming", "Yan", "Haruto", "Yuki", "Takeshi",
    "Aiko", "Kenji", "Sakura", "Wen Li", "Jun Hao",
    # Europe, the Americas, elsewhere
    "John", "Maria", "David", "Anna", "Thomas", "Laura", "Michael", "Sarah", "Lukas", "Sofia",
    "Matteo", "Elena", "Pierre", "Camille", "Jan", "Katarzyna", "Ahmed", "Fatima", "Omar", "Leila",
    "Carlos", "Lucia", "Diego", "Ana", "James", "Emily", "Daniel", "Olivia", "Samuel", "Grace",
    "José", "Zoë", "Björn", "Søren", "Đorđe", "Łukasz",
)

LAST_NAMES = (
    "Sharma", "Iyer", "Krishnamurthy", "Balasubramanian", "Reddy", "Nair", "Gupta", "Patel", "Rao",
    "Menon", "Mukherjee", "Chatterjee", "Banerjee", "Desai", "Kulkarni", "Joshi", "Pillai", "Verma",
    "Singh", "Agarwal", "Subramanian", "Venkatesh", "Srinivasan", "Bhat", "Hegde",
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Zhang", "Wang", "Li", "Liu", "Chen",
    "Yang", "Huang", "Zhao", "Wu", "Zhou", "Tan", "Lim", "Ng", "Goh", "Sato", "Suzuki", "Takahashi",
    "Tanaka", "Watanabe", "Yamamoto",
    "Smith", "Johnson", "Müller", "Schmidt", "Rossi", "Russo", "Dubois", "Martin", "Kowalski",
    "Nowak", "García", "Fernández", "López", "Silva", "Santos", "Hassan", "Haddad", "O'Brien",
    "Murphy", "Anderson", "Taylor", "Brown", "Wilson", "Novák", "Horváth", "Jensen", "Larsen",
    "Van der Berg", "De Vries", "Ivanov", "Petrov", "Papadopoulos", "Whitfield", "Okafor", "Mensah",
)

INSTITUTIONS = (
    ("GIST", "South Korea", "Gwangju"), ("KAIST", "South Korea", "Daejeon"),
    ("Seoul National University", "South Korea", "Seoul"), ("POSTECH", "South Korea", "Pohang"),
    ("NTU Singapore", "Singapore", "Singapore"), ("NUS", "Singapore", "Singapore"),
    ("IISc Bangalore", "India", "Bengaluru"), ("IIT Bombay", "India", "Mumbai"),
    ("IIT Delhi", "India", "New Delhi"), ("IIT Madras", "India", "Chennai"),
    ("IIT Kanpur", "India", "Kanpur"), ("IIIT Hyderabad", "India", "Hyderabad"),
    ("University at Buffalo", "USA", "Buffalo"), ("Caltech", "USA", "Pasadena"),
    ("Carnegie Mellon University", "USA", "Pittsburgh"), ("University of Michigan", "USA", "Ann Arbor"),
    ("UIUC", "USA", "Urbana"), ("Georgia Tech", "USA", "Atlanta"), ("UT Austin", "USA", "Austin"),
    ("University of Washington", "USA", "Seattle"), ("UC San Diego", "USA", "San Diego"),
    ("Purdue University", "USA", "West Lafayette"), ("University of Toronto", "Canada", "Toronto"),
    ("McGill University", "Canada", "Montreal"), ("UBC", "Canada", "Vancouver"),
    ("University of Waterloo", "Canada", "Waterloo"), ("ETH Zurich", "Switzerland", "Zurich"),
    ("EPFL", "Switzerland", "Lausanne"), ("TU Munich", "Germany", "Munich"),
    ("MPI for Informatics", "Germany", "Saarbrücken"), ("KIT", "Germany", "Karlsruhe"),
    ("University of Oxford", "UK", "Oxford"), ("University of Edinburgh", "UK", "Edinburgh"),
    ("Imperial College London", "UK", "London"), ("UCL", "UK", "London"),
    ("INRIA", "France", "Paris"), ("KU Leuven", "Belgium", "Leuven"), ("TU Delft", "Netherlands", "Delft"),
    ("University of Amsterdam", "Netherlands", "Amsterdam"), ("University of Tokyo", "Japan", "Tokyo"),
    ("Kyoto University", "Japan", "Kyoto"), ("Tsinghua University", "China", "Beijing"),
    ("Peking University", "China", "Beijing"), ("HKUST", "Hong Kong", "Hong Kong"),
    ("University of Melbourne", "Australia", "Melbourne"), ("ANU", "Australia", "Canberra"),
    ("Technion", "Israel", "Haifa"), ("Weizmann Institute", "Israel", "Rehovot"),
)

PLACES = (
    "Aurora", "Bramford", "Castlewood", "Dunmore", "Eastvale", "Fairhaven", "Glenrock", "Harwich",
    "Ivybridge", "Junction City", "Kingsport", "Lakemont", "Maplewood", "Northfield", "Oakridge",
    "Pinecrest", "Queensbury", "Riverton", "Stonebridge", "Thornbury", "Upland", "Valemont",
    "Westbrook", "Yarrow", "Zenith", "Ashford", "Bellmont", "Cedarburg", "Driftwood", "Elmhurst",
)
PLACE_FORMS = ("University of {}", "{} Institute of Technology", "{} State University", "{} University")

COMPANIES = (
    ("Microsoft Research", "USA", "Redmond"), ("Google DeepMind", "UK", "London"),
    ("Adobe Research", "USA", "San Jose"), ("NVIDIA Research", "USA", "Santa Clara"),
    ("IBM Research", "USA", "Yorktown Heights"), ("Samsung AI Center", "South Korea", "Seoul"),
    ("Sony AI", "Japan", "Tokyo"), ("Naver Labs", "South Korea", "Seongnam"),
    ("TCS Research", "India", "Pune"), ("Meta FAIR", "France", "Paris"),
    ("Bosch Center for AI", "Germany", "Renningen"), ("Huawei Noah's Ark Lab", "China", "Shenzhen"),
)

PROGRAMS = (
    "MITACS Globalink", "DAAD WISE", "SURF Caltech", "NTU India Connect", "Amgen Scholars",
    "UTokyo UTRIP", "EPFL Summer Research", "ETH SSRF", "Vector Institute Summer", "KAIST VSP",
    "Charpak Lab Scholarship", "NUS Research Internship",
)

TOPICS = (
    "Computer Vision", "Video Analytics", "Rapid Object Search", "Robot Learning", "Natural Language",
    "Speech", "Graphics", "Human-Computer Interaction", "Security", "Databases", "Theory",
    "ML Foundations", "Distributed Systems", "Networks", "Computational Biology", "Quantum Computing",
    "Programming Languages", "Embedded Systems", "Information Retrieval", "Medical Imaging",
    "Failure Explanation in ML", "Reinforcement Learning", "Fairness in ML", "Edge AI",
)

PAPER_WORDS = (
    "Fast", "Robust", "Scalable", "Efficient", "Self-Supervised", "Few-Shot", "Explainable",
    "Video", "Retrieval", "Segmentation", "Transformers", "Graphs", "Diffusion", "Indexing",
    "Verification", "Benchmarks", "Compression", "Planning",
)

TIME_ZONES = (
    "Asia/Seoul", "Asia/Singapore", "Asia/Kolkata", "America/New_York", "America/Los_Angeles",
    "Europe/Berlin", "Europe/London", "Asia/Tokyo", "Europe/Zurich", "Australia/Sydney",
)

# --- the open-threads shape: names as people write them in their own script ------------------
# (family name first where that is the custom; made up by drawing both parts independently)

NATIVE_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    # script: (family names, given names, the order they are written in)
    "korean": (("김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"),
               ("민준", "서연", "지훈", "하은", "도윤", "수빈", "예준", "지민", "현우", "유진", "서준", "채원"), "{family}{given}"),
    "chinese": (("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"),
                ("伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "俊杰", "志强", "晓明", "海燕"), "{family}{given}"),
    "japanese": (("佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤"),
                 ("健", "陽翔", "結衣", "さくら", "翔太", "美咲", "大輔", "愛子", "ゆうき", "蓮"), "{family} {given}"),
    "turkish": (("Yıldız", "Öztürk", "Çelik", "Şahin", "Aydın", "Doğan", "Kılıç", "Arslan", "Güneş", "Koç"),
                ("Çağla", "Ömer", "Şule", "İlker", "Gökhan", "Ayşe", "Buğra", "Özge", "Emre", "Zeynep"),
                "{given} {family}"),
    "hindi": (("शर्मा", "वर्मा", "गुप्ता", "सिंह", "पटेल", "जोशी", "मिश्रा", "यादव"),
              ("अनन्या", "राहुल", "प्रिया", "अर्जुन", "स्नेहा", "विक्रम", "दिव्या", "आदित्य"), "{given} {family}"),
}
NATIVE_SHARE = {"korean": 0.07, "chinese": 0.06, "japanese": 0.04, "turkish": 0.03, "hindi": 0.03}
"""Share of people whose name is written in each script (23% in all); the rest are FIRST/LAST_NAMES."""

NOTES = (
    "Sent CV and transcript 📎", "Great chat, very friendly 🙂", "Met at ICCV 🎉", "Lab looks promising 🚀",
    "Prefers email over LinkedIn", "Asked to write again in January ☕", "Co-author of the NeRF paper 👩‍🔬",
    "Visiting Seoul in March 🇰🇷", "Replied from phone, short answer 👍", "서류 보냄 (sent documents)",
    "推荐信已确认", "Thanks! 🙏 Will read the paper", "Zoom link in the calendar 📅", "Funding unclear 🤔",
)
"""Notes on some messages in the open-threads shape: emoji (a ZWJ sequence, a flag), Hangul, Hanzi."""


def native_name(rng: random.Random) -> str | None:
    """A name in one of NATIVE_NAMES' scripts, with NATIVE_SHARE's odds; None for a FIRST/LAST_NAMES one."""
    draw = rng.random()
    for script, share in NATIVE_SHARE.items():
        if draw < share:
            families, givens, order = NATIVE_NAMES[script]
            return order.format(family=rng.choice(families), given=rng.choice(givens))
        draw -= share
    return None


def latin(text: str) -> bool:
    """Whether every character of `text` is in the Latin blocks (up to Latin Extended-B)."""
    return all(ord(char) < 0x250 for char in text)
