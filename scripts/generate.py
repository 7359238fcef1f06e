"""A corpus of realistic, clearly fictional raw articles for the benchmark and for tests.

Why: the portal must be measured on archives of thousands of articles, and nobody may copy real
articles into the repository. Every article here is composed from sentence templates, invented
people, invented districts and communes and random figures, dressed the way provincial web portals
print them (date lines of many shapes, bylines, captions, subheadings, cited documents whose numbers
are shared and reused, skip links, view counters, related lists, footers). The provinces are real
names, so that the reader's province rules have something to find; everything said about them is
invented.

Deterministic: article i depends only on (seed, i), so any slice can be regenerated on its own and
the same seed always gives the same corpus. Fast: plain string assembly, about 0.2 ms per article.

    python -m scripts.generate OUT_DIR --n 10000 --seed 1
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

# --- names ---------------------------------------------------------------------------------

PROVINCES = (
    "An Giang", "Bắc Ninh", "Bình Định", "Cà Mau", "Đắk Lắk", "Đồng Tháp", "Gia Lai", "Hà Tĩnh",
    "Hưng Yên", "Khánh Hòa", "Lạng Sơn", "Lào Cai", "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ngãi",
    "Quảng Trị", "Sơn La", "Tây Ninh", "Thái Nguyên", "Thanh Hóa", "Tuyên Quang", "Vĩnh Long",
)
CITIES = ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thành phố Hồ Chí Minh")

_SYL_A = ("Tân", "Phước", "An", "Long", "Bình", "Hòa", "Thạnh", "Mỹ", "Vĩnh", "Đông", "Tây", "Nam",
          "Bắc", "Sơn", "Thanh", "Hưng", "Phú", "Quảng", "Hải", "Trung", "Kim", "Ngọc", "Xuân", "Đức",
          "Lạc", "Yên", "Thuận", "Cẩm", "Hồng", "Tiên")
_SYL_B = ("Hòa", "Lợi", "Thành", "Phú", "Xuân", "Hưng", "Yên", "Lâm", "Điền", "Khê", "Sơn", "Hà",
          "Bình", "An", "Thịnh", "Đồng", "Phong", "Lộc", "Tiến", "Mỹ", "Trạch", "Giang", "Dương",
          "Hiệp", "Nguyên", "Châu", "Thủy", "Quang", "Vinh", "Ninh")

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Cao", "Tạ", "Hà", "Thái",
          "La", "Lò", "Triệu", "Quách")
MIDDLE = ("Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Ngọc", "Quốc", "Thu", "Hoài", "Kim", "Xuân",
          "Công", "Bảo", "Thế", "Thị Thanh", "Văn Minh", "Đình", "Trọng", "Mạnh")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm",
         "Thắng", "Thảo", "Trung", "Tuấn", "Vân", "Yến", "Đạt", "Định", "Hậu", "Kiên", "Lực", "Nhung",
         "Oanh", "Quyết", "Tú", "Uyên", "Vinh", "Chiến", "Duyên", "Thoa", "Lâm", "Nghĩa", "Toàn")

ROMAN = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXVI",
         "XXVII", "XXVIII", "XXIX", "XXX", "XXXI", "XXXII")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
SOURCE_TAGS = ("BTV", "TTV", "BQN", "ĐCSVN", "BPT", "TTXVN", "NA", "BĐT")

# --- units ---------------------------------------------------------------------------------

FIVE_YEAR_TERMS = ("2010-2015", "2015-2020", "2020-2025", "2025-2030")
CHI_BO_TERMS = ("2017-2020", "2020-2022", "2022-2025", "2025-2027")
MASS_TERMS = ("2017-2022", "2019-2024", "2022-2027", "2024-2029")
NATIONAL = {"2010-2015": (11, "2011-2016"), "2015-2020": (12, "2016-2021"),
            "2020-2025": (13, "2021-2026"), "2025-2030": (14, "2026-2031")}


@dataclass(frozen=True)
class Unit:
    """One Party organisation (or mass organisation) as the article writes it."""

    name: str            # fullest form
    short: str           # what the text mostly calls it
    committee: str       # its executive body: "Đảng ủy xã X", "Huyện ủy X"
    level: str
    congress_word: str   # "Đại hội đại biểu Đảng bộ huyện X" / "Đại hội Chi bộ ..."
    area: str            # "xã", "huyện", "tỉnh", ... for "toàn xã"
    province: str
    district: str
    terms: tuple[str, ...]
    ordinals: tuple[int, int]
    code: str            # code of the documents its own plans carry: ĐU, HU, TU, ...
    parent: str          # the organisation one level up, for "tiến tới Đại hội ..."
    issuer: str          # who issues the local plans it follows ("" for the national level)
    flavor: str = "territory"  # which figures it can report: territory, office, chibo, mass, national


def _place(rng: random.Random) -> str:
    a, b = rng.choice(_SYL_A), rng.choice(_SYL_B)
    return f"{a} {b}" if a != b else f"{a} {rng.choice(_SYL_B[:5])}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


@dataclass(frozen=True)
class _District:
    kind: str
    name: str
    communes: tuple[str, ...]


@lru_cache(maxsize=8)
def _geography(seed: int) -> tuple[tuple[str, tuple[_District, ...]], ...]:
    """Each province's invented districts and communes, fixed for the corpus.

    Archives are about a limited set of places: the same district or commune comes back in many
    articles (and terms), so unit, term and year listings fill up and paginate as in real sites.
    """
    rng = random.Random(f"{seed}:geography")
    out = []
    for province in PROVINCES:
        names: set[str] = set()
        districts = []
        for _ in range(rng.randint(6, 11)):
            name = _place(rng)
            while name in names:
                name = _place(rng)
            names.add(name)
            kind = rng.choice(("huyện", "huyện", "huyện", "thị xã", "thành phố"))
            communes = tuple(dict.fromkeys(_place(rng) for _ in range(rng.randint(8, 16))))
            districts.append(_District(kind, name, communes))
        out.append((province, tuple(districts)))
    return tuple(out)


# Some provinces fill the archive more than others (Zipf-like weights).
_PROVINCE_WEIGHTS = tuple(1 / (i + 1) for i in range(len(PROVINCES)))


def _unit(rng: random.Random, province: str, district: str, dkind: str,
          communes: tuple[str, ...] = ()) -> Unit:
    """A unit of a random level; the shares roughly follow what a provincial archive holds."""
    r = rng.random()
    dname = f"{dkind} {district}"
    dcode = {"huyện": "HU", "thị xã": "TXU", "thành phố": "ThU"}[dkind]
    dbody = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[dkind]
    dcommittee, dissuer = f"{dbody} {district}", f"Ban Thường vụ {dbody}"
    if r < 0.22:  # chi bộ
        shape = rng.randrange(7)
        commune = rng.choice(communes) if communes else _place(rng)
        thing = (f"ấp {rng.choice(_SYL_A)} {rng.choice(_SYL_B)}", f"khu phố {rng.randint(1, 12)}",
                 f"thôn {commune}", f"Trường THCS {commune}", f"Trường Tiểu học {commune}",
                 f"Phòng Tài chính - Kế hoạch {dname}", f"{rng.randint(1, 9)}")[shape]
        if shape == 6 and rng.random() < 0.5:
            thing = ROMAN[rng.randint(1, 9)]
        name = f"Chi bộ {thing}"
        if shape < 5:
            parent, issuer, code = f"Đảng bộ xã {commune}", f"Đảng ủy xã {commune}", "ĐU"
        else:
            parent, issuer, code = f"Đảng bộ {dname}", dissuer, dcode
        return Unit(name, name, f"Chi ủy Chi bộ {thing}", "chi bộ", f"Đại hội {name}", "chi bộ",
                    province, district, CHI_BO_TERMS, (1, 25), code, parent, issuer, "chibo")
    if r < 0.55:  # đảng bộ cơ sở
        shape = rng.randrange(6)
        commune = rng.choice(communes) if communes else _place(rng)
        if shape <= 2:
            kind = ("xã", "phường", "thị trấn")[shape]
            name = f"Đảng bộ {kind} {commune}"
            return Unit(name, name, f"Đảng ủy {kind} {commune}", "đảng bộ cơ sở",
                        f"Đại hội đại biểu {name}", kind, province, district, FIVE_YEAR_TERMS,
                        (1, 28), "ĐU", f"Đảng bộ {dname}", f"Đảng ủy {kind} {commune}")
        org = ("Văn phòng Hội đồng nhân dân tỉnh", "Văn phòng Ủy ban nhân dân tỉnh",
               f"Công ty Cổ phần Cấp nước {commune}", f"Bệnh viện Đa khoa {dname}")[shape - 2]
        if shape == 3 and rng.random() < 0.5:
            org = "Sở Giáo dục và Đào tạo"
        name = f"Đảng bộ {org}"
        short = name.replace("Hội đồng nhân dân", "HĐND").replace("Ủy ban nhân dân", "UBND")
        return Unit(name, short, f"Đảng ủy {org}", "đảng bộ cơ sở", f"Đại hội {name}", "Đảng bộ",
                    province, district, FIVE_YEAR_TERMS, (1, 12), "ĐU", "Đảng bộ Khối các cơ quan tỉnh",
                    f"Đảng ủy {org}", "office")
    if r < 0.78:  # cấp huyện
        name = f"Đảng bộ {dname}"
        return Unit(name, name, dcommittee, "cấp huyện", f"Đại hội đại biểu {name}", dkind, province,
                    district, FIVE_YEAR_TERMS, (8, 30) if dkind == "huyện" else (1, 8), dcode,
                    f"Đảng bộ tỉnh {province}", dissuer)
    if r < 0.90:  # cấp tỉnh
        name = f"Đảng bộ tỉnh {province}"
        return Unit(name, name, f"Tỉnh ủy {province}", "cấp tỉnh", f"Đại hội đại biểu {name}",
                    "tỉnh", province, district, FIVE_YEAR_TERMS, (14, 22), "TU",
                    "Đảng Cộng sản Việt Nam", "Ban Thường vụ Tỉnh ủy")
    if r < 0.95:  # toàn quốc, seen from a province
        name = "Đảng Cộng sản Việt Nam"
        return Unit(name, "Đảng ta", "Ban Chấp hành Trung ương", "toàn quốc",
                    "Đại hội đại biểu toàn quốc", "quốc", province, district, FIVE_YEAR_TERMS,
                    (11, 14), "TW", name, "", "national")
    org = rng.choice(("Hội Cựu chiến binh", "Hội Nông dân", "Hội Liên hiệp Phụ nữ",
                      "Đoàn Thanh niên Cộng sản Hồ Chí Minh"))
    name = f"{org} {dname}"
    return Unit(name, name, f"Ban Chấp hành {name}", "khác", f"Đại hội đại biểu {name}", dkind,
                province, district, MASS_TERMS, (3, 12), dcode, f"Đảng bộ {dname}", dissuer, "mass")


# --- documents -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Doc:
    type: str
    number: int
    code: str
    date: dt.date
    issuer: str


_NATIONAL_DOCS = (("Chỉ thị", "CT/TW", "Bộ Chính trị"), ("Hướng dẫn", "HD/BTCTW", "Ban Tổ chức Trung ương"),
                  ("Kết luận", "KL/TW", "Bộ Chính trị"), ("Quy định", "QĐ/TW", "Ban Chấp hành Trung ương"),
                  ("Hướng dẫn", "HD/BTGTW", "Ban Tuyên giáo Trung ương"))
_LOCAL_DOCS = (("Kế hoạch", "KH/{c}", "Ban Thường vụ {o}"), ("Chỉ thị", "CT/{c}", "Ban Thường vụ {o}"),
               ("Hướng dẫn", "HD/{c}", "Ban Thường vụ {o}"), ("Thông báo", "TB/{c}", "Thường trực {o}"),
               ("Quyết định", "QĐ/{c}", "Ban Thường vụ {o}"))


@lru_cache(maxsize=8)
def _national_docs(seed: int) -> tuple[Doc, ...]:
    """Documents every province cites; some numbers are reused five years later."""
    rng = random.Random(f"{seed}:national-docs")
    docs = []
    for start in (2009, 2014, 2019, 2024):
        for dtype, code, issuer in _NATIONAL_DOCS:
            number = rng.randint(10, 60)
            docs.append(Doc(dtype, number, code, _day(rng, start, start), issuer))
    for i in range(0, len(docs) - len(_NATIONAL_DOCS), 3):  # the same number, a later year
        old = docs[i]
        docs.append(Doc(old.type, old.number, old.code,
                        _day(rng, old.date.year + 5, old.date.year + 5), old.issuer))
    return tuple(docs)


@lru_cache(maxsize=4096)
def _local_docs(seed: int, issuer: str, code: str, year: int) -> tuple[Doc, ...]:
    """A committee's own plans and directives for one congress season; numbers recur across seasons."""
    if not issuer:
        return ()
    rng = random.Random(f"{seed}:{issuer}:{code}")  # the same numbers every season: reuse
    docs = []
    for dtype, dcode, who in _LOCAL_DOCS:
        number = rng.randint(1, 260)
        when = _day(random.Random(f"{seed}:{issuer}:{dcode}:{year}"), year - 1, year)
        if who.startswith("Ban Thường vụ") and not issuer.startswith("Ban Thường vụ"):
            who = "{o}"  # a base committee signs its plans itself
        elif issuer.startswith("Ban Thường vụ"):
            who = who.replace("Ban Thường vụ {o}", "{o}").replace("Thường trực {o}",
                                                                 issuer.replace("Ban Thường vụ", "Thường trực"))
        docs.append(Doc(dtype, number, dcode.format(c=code), when, who.format(o=issuer)))
    return tuple(docs)


def _day(rng: random.Random, y0: int, y1: int) -> dt.date:
    return dt.date(rng.randint(y0, y1), rng.randint(1, 12), rng.randint(1, 28))


def _cite(rng: random.Random, d: Doc) -> str:
    """A citation in one of the shapes real articles use (hyphen missing, no code, no date...)."""
    s = rng.random()
    day = _dmy(rng, d.date)
    ref = f"{d.number:02d}-{d.code}" if d.number < 10 and rng.random() < 0.5 else f"{d.number}-{d.code}"
    if s < 0.45:
        return f"{d.type} số {ref} ngày {day} của {d.issuer}"
    if s < 0.6:
        return f"{d.type} số {ref}, ngày {day} của {d.issuer}"
    if s < 0.7:
        return f"{d.type} số {ref.replace('-', ' ', 1)} của {d.issuer}"
    if s < 0.8:
        return f"{d.type} {ref} của {d.issuer}"
    if s < 0.9:
        return f"{d.type} số {d.number} ngày {day}"
    return f"{d.type} số {ref}"


def _dmy(rng: random.Random, d: dt.date) -> str:
    if rng.random() < 0.7:
        return f"{d.day}/{d.month}/{d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# --- sentences -----------------------------------------------------------------------------

class _Slots(dict):
    """Template values; anything not set is invented on first use, so every sentence differs."""

    def __init__(self, rng: random.Random, base: dict[str, str]):
        super().__init__(base)
        self.rng = rng

    def __missing__(self, key: str) -> str:
        rng = self.rng
        head = key.rstrip("0123456789")
        if head == "pct":
            v = f"{rng.randint(12, 88)},{rng.randint(1, 9)}"
        elif head == "hi":
            v = f"{rng.randint(90, 99)},{rng.randint(1, 9)}"
        elif head == "low":
            v = f"{rng.randint(0, 4)},{rng.randint(1, 99):02d}"
        elif head == "growth":
            v = f"{rng.randint(5, 12)},{rng.randint(0, 9)}"
        elif head == "income":
            v = str(rng.randint(38, 125))
        elif head == "num":
            v = str(rng.randint(12, 480))
        elif head == "few":
            v = str(rng.randint(2, 11))
        elif head == "big":
            v = f"{rng.randint(1, 48)}.{rng.randint(0, 999):03d}"
        elif head == "bch":
            v = str(rng.randint(9, 53))
        elif head == "money":
            v = f"{rng.randint(12, 2400)},{rng.randint(1, 9)}"
        elif head == "person":
            v = _person(rng)
        elif head == "place":
            v = _place(rng)
        elif head == "role":
            v = rng.choice(ROLES).format(p=self["province"], d=self["district"], dk=self["dkind"],
                                         db=self["dbody"])
        else:
            raise KeyError(key)
        self[key] = v
        return v


ROLES = ("Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tổ chức Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh ủy",
         "Tỉnh ủy viên, Bí thư {db} {d}", "Phó Chủ tịch UBND tỉnh", "Bí thư Đảng ủy",
         "Chủ tịch UBND {dk} {d}", "Trưởng Ban Tuyên giáo Tỉnh ủy", "Phó Bí thư {db}, Chủ tịch HĐND {dk}",
         "Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận {db}",
         "Phó Trưởng Ban Thường trực Ban Tổ chức Tỉnh ủy", "Giám đốc Sở Nội vụ tỉnh {p}",
         "Phó Bí thư {db} {d}", "Trưởng Ban Tổ chức {db}")

# Sentences with figures, by the kind of unit that can say them.
TERRITORY = (
    "Tốc độ tăng trưởng kinh tế bình quân hằng năm đạt {growth}%, vượt chỉ tiêu Nghị quyết đề ra.",
    "Thu nhập bình quân đầu người năm {end} ước đạt {income} triệu đồng, tăng {few} lần so với đầu nhiệm kỳ.",
    "Tỷ lệ hộ nghèo giảm còn {low}%; {num} hộ được hỗ trợ xây dựng, sửa chữa nhà ở.",
    "Toàn {area} đã huy động hơn {money} tỷ đồng đầu tư xây dựng {num} công trình giao thông, trường học và nhà văn hóa.",
    "Đến nay đã có {few} xã đạt chuẩn nông thôn mới, trong đó {few2} xã đạt chuẩn nông thôn mới nâng cao.",
    "Tổng thu ngân sách nhà nước trên địa bàn đạt {money} tỷ đồng, bằng {num}% dự toán.",
    "Diện tích lúa chất lượng cao đạt {big} ha; sản lượng cây ăn quả tăng bình quân {growth}% mỗi năm.",
    "Hạ tầng giao thông được đầu tư đồng bộ, {num} km đường nông thôn được bê tông hóa.",
    "Thực hiện kế hoạch phát triển kinh tế - xã hội 5 năm {plan}, nhiều công trình trọng điểm đã hoàn thành.",
    "Chiến lược phát triển nguồn nhân lực giai đoạn {plan} được triển khai, tỷ lệ lao động qua đào tạo đạt {pct}%.",
    "Chất lượng giáo dục toàn diện được nâng lên; có thêm {few} trường đạt chuẩn quốc gia.",
    "Tỷ lệ người dân tham gia bảo hiểm y tế đạt {hi}%, vượt {few} điểm phần trăm so với chỉ tiêu.",
    "Phong trào \"Toàn dân đoàn kết xây dựng đời sống văn hóa\" được duy trì, {hi}% hộ gia đình đạt danh hiệu gia đình văn hóa.",
    "Các chính sách an sinh xã hội được thực hiện đầy đủ, kịp thời; đã trao {num} căn nhà đại đoàn kết.",
    "Công tác chuyển đổi số được đẩy mạnh, {hi}% thủ tục hành chính được cung cấp trực tuyến toàn trình.",
    "{short} hiện có {branches} chi bộ, đảng bộ trực thuộc với {members} đảng viên.",
    "Đến cuối nhiệm kỳ, phấn đấu thu nhập bình quân đầu người đạt {income} triệu đồng, tỷ lệ hộ nghèo dưới {low}%.",
    "Nhiệm kỳ {term}, {short} đề ra {few} chỉ tiêu chủ yếu, trong đó tốc độ tăng trưởng bình quân đạt {growth}%/năm.",
)
OFFICE = (
    "{short} hiện có {few} chi bộ trực thuộc với {num} đảng viên, chiếm {pct}% tổng số cán bộ, công chức, viên chức.",
    "Hằng năm, {hi}% cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên.",
    "Cơ quan đã tham mưu ban hành {num} văn bản, bảo đảm chất lượng và đúng tiến độ.",
    "Trong nhiệm kỳ, {few} tập thể và {num} cá nhân được các cấp khen thưởng.",
    "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng đạt {hi}%.",
    "Nhiệm kỳ {term}, {short} phấn đấu {hi}% đảng viên hoàn thành tốt nhiệm vụ, kết nạp ít nhất {few} đảng viên mới.",
)
CHI_BO = (
    "Chi bộ hiện có {few}{few2} đảng viên, trong đó có {few3} đảng viên nữ.",
    "Chi bộ duy trì nền nếp sinh hoạt định kỳ hằng tháng và sinh hoạt chuyên đề mỗi quý một lần.",
    "Trong nhiệm kỳ, chi bộ kết nạp được {few} đảng viên mới, đạt {num}% chỉ tiêu.",
    "Hằng năm, chi bộ được xếp loại hoàn thành tốt nhiệm vụ; {few} đảng viên được khen thưởng.",
    "Nhiệm kỳ {term}, chi bộ đề ra {few} chỉ tiêu, trong đó 100% đảng viên được học tập nghị quyết.",
    "Các đảng viên gương mẫu vận động gia đình và Nhân dân đóng góp {num} ngày công làm đường giao thông.",
)
MASS = (
    "Hội hiện có {few} cơ sở hội với {big} hội viên.",
    "Trong nhiệm kỳ, hội đã phát triển {num} hội viên mới, đạt {num2}% chỉ tiêu.",
    "Các cấp hội đã phối hợp giải ngân {money} tỷ đồng vốn vay ưu đãi cho {num} hộ hội viên.",
    "Phong trào thi đua sản xuất, kinh doanh giỏi có {num} hộ hội viên đạt danh hiệu các cấp.",
    "Đại hội hiệp thương cử Ban Chấp hành khóa mới gồm {bch} người.",
)
NATIONAL_BANK = (
    "Cán bộ, đảng viên và Nhân dân tỉnh {province} đã đóng góp {big} ý kiến vào dự thảo các văn kiện.",
    "Đoàn đại biểu Đảng bộ tỉnh {province} gồm {few}{few2} đồng chí tham dự Đại hội.",
    "Các văn kiện trình Đại hội được chuẩn bị công phu, lấy ý kiến rộng rãi trong toàn Đảng, toàn dân.",
    "Nhiều đảng viên ở cơ sở bày tỏ niềm tin vào đường lối đổi mới và sự lãnh đạo của Đảng.",
)
PREPARE = (
    "{committee} đã thành lập {few} tiểu ban giúp việc gồm Tiểu ban Văn kiện, Tiểu ban Nhân sự và Tiểu ban Tổ chức phục vụ Đại hội.",
    "Dự thảo Báo cáo chính trị đã được lấy ý kiến rộng rãi của cán bộ, đảng viên và Nhân dân, với {num} lượt ý kiến đóng góp.",
    "Công tác nhân sự được thực hiện chặt chẽ theo quy trình 5 bước, bảo đảm tiêu chuẩn, cơ cấu và số lượng.",
    "Đến nay, {few}/{few} chi bộ trực thuộc đã tổ chức xong đại hội, đạt 100% kế hoạch.",
    "Đại hội dự kiến diễn ra trong {few} ngày, với {num} đại biểu chính thức được triệu tập.",
    "Các văn kiện phải hoàn thành và gửi cấp trên trước ngày {deadline}.",
    "Ban Thường vụ đã chọn Chi bộ {place} tổ chức đại hội điểm để rút kinh nghiệm chung.",
    "Công tác tuyên truyền về Đại hội được triển khai sâu rộng trên hệ thống truyền thanh cơ sở và mạng xã hội.",
)
CONGRESS = (
    "Dự Đại hội có đồng chí {person}, {role}; đồng chí {person2}, {role2}.",
    "Đại hội đã thảo luận, đánh giá kết quả thực hiện Nghị quyết Đại hội nhiệm kỳ {prev}, đề ra phương hướng, nhiệm vụ nhiệm kỳ {term}.",
    "Đại hội bầu Ban Chấp hành khóa mới gồm {bch} đồng chí; bầu đoàn đại biểu dự Đại hội cấp trên gồm {few} đồng chí.",
    "Tại phiên họp thứ nhất, Ban Chấp hành đã bầu đồng chí {person3} giữ chức Bí thư, đồng chí {person4} giữ chức Phó Bí thư.",
    "Phát biểu chỉ đạo Đại hội, đồng chí {person}, {role} ghi nhận những kết quả {short} đạt được trong nhiệm kỳ qua.",
    "Đại hội đã biểu quyết thông qua Nghị quyết với {hi}% đại biểu tán thành.",
    "Về dự Đại hội có {num} đại biểu chính thức, đại diện cho hơn {members} đảng viên trong toàn Đảng bộ.",
    "Đại hội xác định {few} nhiệm vụ trọng tâm và {few2} khâu đột phá trong nhiệm kỳ tới.",
    "Đại hội thống nhất chủ đề: \"Xây dựng {short} trong sạch, vững mạnh; phát huy sức mạnh đoàn kết, đổi mới, phát triển nhanh và bền vững\".",
)

# Composed sentences: opener × field × verdict × detail, so long articles need not repeat themselves.
OPENERS = ("", "", "Trong nhiệm kỳ, ", "Những năm qua, ", "Bên cạnh đó, ", "Đặc biệt, ", "Cùng với đó, ",
           "Năm năm qua, ", "Thời gian tới, ")
FIELDS = ("công tác tuyên truyền, giáo dục chính trị tư tưởng", "công tác tổ chức, cán bộ",
          "công tác kiểm tra, giám sát và thi hành kỷ luật đảng", "công tác dân vận",
          "công tác phát triển đảng viên", "việc thực hiện quy chế dân chủ ở cơ sở",
          "công tác cải cách hành chính", "công tác bảo vệ chính trị nội bộ", "phong trào thi đua yêu nước",
          "hoạt động của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội",
          "công tác quốc phòng, quân sự địa phương", "công tác giảm nghèo bền vững",
          "công tác phòng, chống tham nhũng, lãng phí", "công tác đào tạo, bồi dưỡng cán bộ",
          "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
          "công tác nắm tình hình tư tưởng của cán bộ, đảng viên", "công tác thông tin đối ngoại",
          "công tác tiếp công dân, giải quyết khiếu nại, tố cáo")
VERDICTS = ("được triển khai đồng bộ, đạt nhiều kết quả tích cực", "có nhiều chuyển biến rõ nét",
            "được quan tâm chỉ đạo thường xuyên", "tiếp tục được đổi mới về nội dung và phương thức",
            "đạt và vượt các chỉ tiêu đề ra", "được thực hiện nghiêm túc, đúng quy định",
            "có bước tiến so với nhiệm kỳ trước", "được cấp ủy xác định là nhiệm vụ trọng tâm",
            "vẫn còn một số hạn chế cần sớm khắc phục", "chưa đáp ứng yêu cầu trong tình hình mới")
DETAILS = ("", "", "; {num} mô hình, cách làm hay được nhân rộng", "; {few} tập thể và {num} cá nhân được khen thưởng",
           ", góp phần giữ vững ổn định chính trị ở cơ sở", ", tạo sự đồng thuận trong cán bộ, đảng viên và Nhân dân",
           ", bảo đảm đúng nguyên tắc, quy trình", " với {num} cuộc, vượt {few}% kế hoạch",
           " trên {hi}% địa bàn dân cư", ", nhất là ở {few} xã vùng khó khăn")


def _composed(rng: random.Random, slots: "_Slots") -> str:
    opener, field = rng.choice(OPENERS), rng.choice(FIELDS)
    head = opener + field if opener else field[0].upper() + field[1:]
    return f"{head} {rng.choice(VERDICTS)}{rng.choice(DETAILS).format_map(slots)}."


CAPTIONS = (
    "Quang cảnh Đại hội.", "Đồng chí {person}, {role} phát biểu chỉ đạo Đại hội",
    "Các đại biểu biểu quyết thông qua Nghị quyết Đại hội.", "Ban Chấp hành khóa mới ra mắt Đại hội",
    "Lãnh đạo {dkind} tặng hoa chúc mừng Đại hội.", "Đoàn Chủ tịch điều hành phiên thảo luận",
    "Các đại biểu dự Hội nghị", "Đại biểu tham luận tại Đại hội. Ảnh: {person}",
)
SUBHEADINGS = (
    "Nhiều chỉ tiêu vượt kế hoạch", "Phát huy sức mạnh đoàn kết", "Chuẩn bị chu đáo cho Đại hội",
    "Những kết quả nổi bật", "Phương hướng nhiệm kỳ mới", "Đổi mới phương thức lãnh đạo",
    "Khâu đột phá của nhiệm kỳ", "Chăm lo công tác nhân sự", "Hướng về cơ sở",
)
CLOSINGS = (
    "Đại hội đã thành công tốt đẹp./.", "Đại hội bế mạc trong không khí phấn khởi, tin tưởng.",
    "Đại hội là sự kiện chính trị quan trọng, mở ra giai đoạn phát triển mới.",
    "Công tác chuẩn bị đã cơ bản hoàn tất, sẵn sàng cho ngày hội lớn./.", "",
)

# --- page furniture --------------------------------------------------------------------------

SKIP_LINKS = ("Truy cập nội dung luôn", "Bỏ qua nội dung chính", "Chuyển đến nội dung",
              "Trang chủ > Tin tức > Xây dựng Đảng", "Trang chủ / Tin tức - Sự kiện")
WIDGETS = ("Cỡ chữ: A- A A+", "In bài viết | Gửi email | Chia sẻ", "Chia sẻ Facebook Zalo",
           "null", "content:", "![]()", "Tin mới", "Bản in")
RELATED_HEADS = ("Tin cùng chuyên mục", "Tin liên quan", "Các tin khác", "Tin đã đưa")


def _date_line(rng: random.Random, d: dt.date | None) -> str | None:
    """The date line in one of the shapes portals print; None = the page shows none."""
    if d is None:
        return rng.choice((None, None, f"{rng.randint(2, 9)} ngày trước", "Cập nhật: 1 giờ trước"))
    hh, mm = rng.randint(6, 21), rng.randint(0, 59)
    s = rng.randrange(9)
    if s == 0:
        return f"{WEEKDAYS[d.weekday()]}, {d.day:02d}/{d.month:02d}/{d.year}, {hh:02d}:{mm:02d} (GMT+7)"
    if s == 1:
        return f"{hh:02d}:{mm:02d}, {d.day:02d}/{d.month:02d}/{d.year}"
    if s == 2:
        return f"Cập nhật ngày: {d.day:02d}/{d.month:02d}/{d.year}"
    if s == 3:
        return f"Ngày đăng {d.day:02d}/{d.month:02d}/{d.year} | {hh:02d}:{mm:02d}"
    if s == 4:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if s == 5:
        return f"Ngày {d.day}-{d.month}-{d.year}"
    if s == 6:
        return f"Đăng ngày: {d.day:02d}/{d.month:02d}/{d.year} {hh:02d}:{mm:02d}"
    if s == 7:
        return f"{hh:02d}:{mm:02d} | {d.day:02d}/{d.month:02d}/{d.year}"
    return f"{WEEKDAYS[d.weekday()]}, ngày {d.day}/{d.month}/{d.year}"


def _byline(rng: random.Random, s: _Slots) -> list[str]:
    """Byline lines in one of the shapes seen on portals (some pages have none)."""
    name = _person(rng)
    short = name.split(" ", 1)[1] if rng.random() < 0.3 else name
    k = rng.randrange(12)
    if k == 0:
        return [short]
    if k == 1:
        return [name, f"Ban Tuyên giáo {s['dkind'].capitalize()} ủy {s['district']}"]
    if k == 2:
        return [f"{name} - Phó Chánh Văn phòng, {s['committee']}"]
    if k == 3:
        return [f"Thực hiện: {short} - {_person(rng).split(' ', 1)[1]}"]
    if k == 4:
        return [name.upper()]
    if k == 5:
        parts = name.split()
        return [".".join(p[0] for p in parts[-2:])]
    if k == 6:
        return [rng.choice(("Ban Biên tập", "Nhóm phóng viên", "Phòng Văn hóa - Thông tin"))]
    if k == 7:
        return [f"({short})"]
    if k == 8:
        return [f"Tin, ảnh: {short}"]
    if k == 9:
        return [f"{short} - {_person(rng).split(' ', 1)[1]}"]
    return []


def _footer(rng: random.Random, s: _Slots) -> list[str]:
    lines: list[str] = []
    if rng.random() < 0.4:
        lines += ["Thống kê truy cập", f"Đang online: {rng.randint(1, 90)}",
                  f"Hôm nay: {rng.randint(50, 4000)}", f"Tất cả: {rng.randint(100000, 9999999)}"]
    where = f"{s['dkind']} {s['district']}, tỉnh {s['province']}"
    lines += [f"TRANG THÔNG TIN ĐIỆN TỬ {s['dkind'].upper()} {s['district'].upper()}",
              f"Địa chỉ: số {rng.randint(1, 300)}, đường {_place(rng)}, {where}.",
              f"Điện thoại: 0{rng.randint(200, 299)}.{rng.randint(3000000, 3999999)}. "
              f"Email: vanphong@{_ascii(s['district'])}.gov.vn.",
              rng.choice(("Designed by VNPT", "Thiết kế bởi Trung tâm Công nghệ thông tin",
                          "Bản quyền thuộc Ban Biên tập", "Ghi rõ nguồn khi phát hành lại thông tin từ website này."))]
    return lines


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


# --- one article ---------------------------------------------------------------------------

_KINDS = ("prepare", "congress", "congress", "congress", "review", "conference")
_FLAVOR_BANK = {"territory": TERRITORY, "office": OFFICE, "chibo": CHI_BO, "mass": MASS,
                "national": NATIONAL_BANK}
_KIND_BANK = {"prepare": PREPARE, "congress": CONGRESS, "review": (), "conference": PREPARE}


def _body(rng: random.Random, s: dict[str, str], unit: Unit, kind: str, target: int) -> list[tuple[str, str]]:
    """Paragraphs (with a few subheadings and captions) until about `target` bytes of text.

    The kind's own sentences come first, then the unit's figures mixed with composed sentences;
    no template is used twice in one article.
    """
    first = list(_KIND_BANK[kind]) if unit.flavor != "national" else []
    rng.shuffle(first)
    rest = list(_FLAVOR_BANK[unit.flavor])
    rng.shuffle(rest)
    out: list[tuple[str, str]] = []
    size = 0
    while size < target:
        if out and rng.random() < 0.16:
            out.append(("h", rng.choice(SUBHEADINGS)))
        sentences = []
        for _ in range(rng.randint(2, 5)):
            slots = _Slots(rng, s)
            if first:
                tpl = first.pop()
            elif rest and rng.random() < 0.45:
                tpl = rest.pop()
            else:
                sentences.append(_composed(rng, slots))
                continue
            sentence = tpl.format_map(slots)
            if unit.flavor == "chibo":
                sentence = sentence.replace("Ban Chấp hành", "Chi ủy").replace("toàn Đảng bộ", "chi bộ")
            elif unit.flavor == "mass":
                sentence = sentence.replace("đảng viên", "hội viên")
            sentences.append(sentence)
        text = " ".join(sentences)
        out.append(("p", text))
        size += len(text.encode("utf-8"))
        if rng.random() < 0.13:
            out.append(("c", rng.choice(CAPTIONS).format_map(_Slots(rng, s))))
    return out


def article(seed: int, index: int) -> tuple[str, str]:
    """Article `index` of the corpus `seed`: (file name, raw text)."""
    rng = random.Random(f"{seed}:{index}")
    province, districts = rng.choices(_geography(seed), weights=_PROVINCE_WEIGHTS)[0]
    place = rng.choice(districts)
    dkind, district = place.kind, place.name
    unit = _unit(rng, province, district, dkind, place.communes)
    kind = rng.choice(_KINDS)
    term = rng.choice(unit.terms)
    t0, t1 = (int(x) for x in term.split("-"))
    prev = f"{t0 - (t1 - t0)}-{t0}"
    ordinal = rng.randint(*unit.ordinals)
    if unit.level == "toàn quốc":
        ordinal, nterm = NATIONAL.get(term, (13, "2021-2026"))
        term = nterm
    year = t0 + (rng.randint(1, 3) if kind == "review" else 0)
    month = {"chi bộ": 3, "đảng bộ cơ sở": 5, "cấp huyện": 7, "cấp tỉnh": 9, "toàn quốc": 1}.get(unit.level, 6)
    event = dt.date(year + (1 if unit.level == "toàn quốc" else 0), max(1, min(12, month + rng.randint(-2, 2))),
                    rng.randint(1, 28))
    published = event + dt.timedelta(days=rng.randint(0, 3) if kind != "prepare" else -rng.randint(10, 60))
    if rng.random() < 0.12:
        published = None  # some pages print no date at all
    dbody = {"huyện": "Huyện ủy", "thị xã": "Thị ủy", "thành phố": "Thành ủy"}[dkind]
    base = {
        "province": province, "district": district, "dkind": dkind, "dbody": dbody, "short": unit.short,
        "committee": unit.committee, "area": unit.area, "term": term, "prev": prev, "end": str(t0),
        "plan": rng.choice((f"{t0 + 1}-{t0 + 5}", f"{t0 - 4}-{t0}", f"2011-2020", f"{t0 + 1}-{t0 + 10}")),
        "deadline": f"{rng.randint(1, 28)}/{max(1, event.month - 1)}/{event.year}",
    }
    lo, hi = {"chi bộ": (8, 40), "đảng bộ cơ sở": (120, 900), "cấp huyện": (4000, 16000),
              "cấp tỉnh": (45000, 160000)}.get(unit.level, (200, 3000))
    base["members"] = f"{rng.randint(lo, hi):,}".replace(",", ".")
    base["branches"] = str(max(2, rng.randint(lo, hi) // 25))
    s = _Slots(rng, base)  # the lead's people and figures; each later sentence draws its own
    roman = ROMAN[ordinal] if ordinal < len(ROMAN) else str(ordinal)
    nth = rng.choice((f"lần thứ {roman}", f"lần thứ {roman}", f"lần {roman}", f"lần thứ {ordinal}"))
    term_w = term.replace("-", rng.choice(("-", "-", " - ", " – ", "- ")))
    congress = f"{unit.congress_word} {nth}, nhiệm kỳ {term_w}"
    if unit.level == "toàn quốc":
        congress = f"Đại hội đại biểu toàn quốc {nth} của Đảng"

    # title
    title = rng.choice({
        "prepare": (f"{unit.short} sẵn sàng tổ chức Đại hội", f"Chuẩn bị chu đáo cho {congress}",
                    f"{unit.committee} triển khai công tác chuẩn bị Đại hội nhiệm kỳ {term_w}"),
        "congress": (f"{congress}", f"{unit.congress_word} {nth} thành công tốt đẹp",
                     f"Khai mạc {congress}", f"{unit.short}: Đại hội {nth} nhiệm kỳ {term_w}"),
        "review": (f"{unit.short} kiểm điểm giữa nhiệm kỳ thực hiện Nghị quyết Đại hội ({term_w})",
                   f"Sơ kết giữa nhiệm kỳ Nghị quyết Đại hội {unit.short} nhiệm kỳ {term_w}"),
        "conference": (f"{unit.committee} quán triệt các văn bản chỉ đạo về đại hội đảng bộ các cấp",
                       f"Hội nghị triển khai công tác chuẩn bị {congress}"),
    }[kind])
    if unit.level == "toàn quốc":
        title = rng.choice((f"Khai mạc trọng thể {congress}", f"{congress} thành công tốt đẹp",
                            f"Cán bộ, đảng viên tỉnh {province} hướng về {congress}"))
    if rng.random() < 0.25:
        title += f" tại {s['place']}" if kind == "conference" else f" ({district})"

    # documents: national ones shared by everyone, local ones shared within a committee
    season = t0
    pool = [d for d in _national_docs(seed) if season - 2 <= d.date.year <= season]
    pool += _local_docs(seed, unit.issuer, unit.code, season)
    cited = rng.sample(pool, k=min(len(pool), rng.choice((0, 1, 1, 2, 2, 3, 4))))
    cited.sort(key=lambda d: d.date)

    # the lead
    when = rng.choice((f"Ngày {event.day}/{event.month}", f"Sáng {event.day}/{event.month}",
                       f"Chiều {event.day}/{event.month}", f"Trong hai ngày {event.day}-{event.day + 1}/{event.month}",
                       f"Ngày {event.day}/{event.month}/{event.year}"))
    higher_start = -(-event.year // 5) * 5
    higher = f"tiến tới Đại hội đại biểu {unit.parent} nhiệm kỳ {higher_start}-{higher_start + 5}"
    if unit.level == "toàn quốc":
        higher = "mở ra giai đoạn phát triển mới của đất nước"
    if kind == "prepare":
        lead = (f"Thời gian qua, {unit.committee} đã tập trung lãnh đạo, chỉ đạo công tác chuẩn bị {congress}. "
                f"Đại hội dự kiến tổ chức vào ngày {event.day}/{event.month}/{event.year}, {higher}.")
    elif kind == "congress":
        lead = (f"{when}, {unit.short} long trọng tổ chức {congress}. "
                f"Đây là sự kiện chính trị quan trọng của {unit.short}, {higher}.")
    elif kind == "review":
        lead = (f"{when}, {unit.committee} tổ chức hội nghị kiểm điểm giữa nhiệm kỳ thực hiện Nghị quyết "
                f"Đại hội {unit.short} nhiệm kỳ {term_w}. Đồng chí {s['person']}, {s['role']} chủ trì hội nghị.")
    else:
        lead = (f"{when}, {unit.committee} tổ chức hội nghị quán triệt, triển khai các văn bản của Trung ương "
                f"và của tỉnh về đại hội đảng bộ các cấp, {higher}. Dự hội nghị có {s['num']} đại biểu.")
    if rng.random() < 0.3 and unit.level != "toàn quốc":
        lead += f" Trước đó, ngày {rng.randint(1, 28)}/{max(1, event.month - 1)}, Chi bộ {s['place']} đã tổ chức đại hội điểm."

    paragraphs: list[tuple[str, str]] = [("p", lead)]
    if cited:
        refs = [_cite(rng, d) for d in cited]
        paragraphs.append(("p", f"Thực hiện {', '.join(refs[:-1]) + ' và ' if len(refs) > 1 else ''}{refs[-1]} "
                                f"về đại hội đảng bộ các cấp, {unit.committee} đã cụ thể hóa thành kế hoạch, "
                                f"phân công nhiệm vụ cho từng đồng chí cấp ủy viên."))
    paragraphs += _body(rng, base, unit, kind, target=int(rng.triangular(700, 8400, 3900)))
    if unit.level != "toàn quốc" and rng.random() < 0.5:
        n_o, n_t = NATIONAL.get(rng.choice(FIVE_YEAR_TERMS), (13, "2021-2026"))
        paragraphs.append(("p", f"Đại hội là dịp để cán bộ, đảng viên thi đua lập thành tích chào mừng Đại hội "
                                f"đại biểu toàn quốc lần thứ {ROMAN[n_o]} của Đảng."))
    closing = rng.choice(CLOSINGS)
    if closing:
        paragraphs.append(("p", closing))

    # assemble the page
    lines: list[str] = []
    if rng.random() < 0.35:
        lines.append(rng.choice(SKIP_LINKS))
    if rng.random() < 0.08:
        lines.append(rng.choice(WIDGETS))
    views = f"Lượt xem: {rng.randint(10, 9000)}" if rng.random() < 0.2 else None
    head = title
    if rng.random() < 0.07:
        head = f"({rng.choice(SOURCE_TAGS)}) {title}"
    elif rng.random() < 0.03:
        head = f"null {title}"
    dateline = _date_line(rng, published)
    shape = rng.random()
    if shape < 0.03 and dateline:  # headline, stamp and lead glued on one line
        lines.append(f"{head} {dateline} {paragraphs[0][1]}")
        paragraphs = paragraphs[1:]
        dateline = None
    elif shape < 0.05:
        pass  # no headline at all
    else:
        lines.append(head)
    if dateline:
        lines.append(dateline)
    if views:
        lines.append(views)
    if shape >= 0.05 and rng.random() < 0.06:  # template printed the headline twice
        lines.append(head)
    byline = _byline(rng, s)
    at_top = byline and rng.random() < 0.1
    if at_top:
        lines += byline
    wrap = rng.random() < 0.06
    blank = "" if rng.random() < 0.15 else "\n"
    for kind_, text in paragraphs:
        if wrap and kind_ == "p":
            lines.append(_hard_wrap(text, rng.randint(64, 80)))
        else:
            lines.append(text)
        if blank:
            lines.append("")
    if byline and not at_top:
        lines += byline
    if views is None and rng.random() < 0.08:
        lines.append(str(rng.randint(10, 9000)))  # a bare view counter
    if rng.random() < 0.5:
        lines.append("")
        lines.append(rng.choice(RELATED_HEADS))
        arrow = rng.random() < 0.4
        for _ in range(rng.randint(2, 6)):
            other = f"{_place(rng)}: {rng.choice(('Đại hội', 'Hội nghị', 'Sơ kết'))} {rng.choice(SUBHEADINGS).lower()}"
            lines.append(f"> > {other}" if arrow else other)
    if rng.random() < 0.4:
        lines.append("")
        lines += _footer(rng, s)
    text = "\n".join(lines).strip("\n") + "\n"

    r = rng.random()
    if r < 0.03:
        text = unicodedata.normalize("NFD", text)  # copied on a system that decomposes accents
    elif r < 0.08:
        text = text.replace("\n", "\r\n")
    elif r < 0.1:
        text = "\ufeff" + text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{index:06d}_{digest}.txt", text


def _hard_wrap(text: str, width: int) -> str:
    """Break at spaces near `width`, as a text copied from a PDF or an e-mail shows it."""
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return "\n".join(out)


def generate(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """(file name, text) for n articles, none a copy of another; deterministic given the seed."""
    seen: set[bytes] = set()
    for i in range(n):
        name, text = article(seed, i)
        attempt = 0
        while (key := hashlib.blake2b(_body_key(text).encode("utf-8"), digest_size=16).digest()) in seen:
            attempt += 1  # astronomically rare: draw the article again from a derived seed
            name, text = article(seed * 1_000_003 + attempt, i)
        seen.add(key)
        yield name, text


def _body_key(text: str) -> str:
    """What makes two articles copies: the same words, whatever the line endings or BOM."""
    return unicodedata.normalize("NFC", text.lstrip("\ufeff").replace("\r\n", "\n"))


def write(out: Path, n: int, seed: int = 1) -> int:
    """Write the corpus into `out`; returns the bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in generate(n, seed):
        data = text.encode("utf-8")
        (out / name).write_bytes(data)
        total += len(data)
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write NAME.txt files into")
    ap.add_argument("--n", type=int, default=1000, help="number of articles")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (same seed, same corpus)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("--n must be positive")
    t = time.perf_counter()
    total = write(args.out, args.n, args.seed)
    took = time.perf_counter() - t
    print(f"{args.n} articles, {total / 1e6:.1f} MB ({total / max(args.n, 1) / 1000:.1f} KB average) "
          f"in {took:.1f} s → {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
