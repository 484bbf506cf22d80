"""Request-form attributes shared by several services (Open311 style)."""

from . import attr


def start(order=1, required=True):
    """When the resident would like the service to start or take place."""
    return attr("start", "datetime", required, order,
                "您希望什么时候开始？", "When would you like it to start?")


def appointment(order=1, required=True):
    return attr("appointment", "datetime", required, order,
                "您想预约的时间", "The time you would like to book")


def address(order=1, required=True):
    return attr("address", "string", required, order,
                "上门地址（楼号、单元、门牌）",
                "Address for the visit (building, entrance, flat)")


def callback(order=1, required=False):
    return attr("callback_time", "string", required, order,
                "方便接电话的时间段，例如“上午”",
                "When it is convenient to call you back, e.g. \"mornings\"")


def notes(order=9, required=False):
    return attr("notes", "text", required, order,
                "还有什么需要我们了解的吗？",
                "Is there anything else we should know?")


def situation(order=1, required=True):
    return attr("situation", "text", required, order,
                "请简单说说您遇到的困难", "Please tell us briefly what is difficult for you")


def household_size(order=2, required=True):
    return attr("household_size", "number", required, order,
                "家里一共几口人？", "How many people live in your household?")


def diet(order=1):
    return attr("diet", "singlevaluelist", True, order,
                "饮食要求", "Diet", [
                    ("normal", "普通餐", "Regular"),
                    ("soft", "软食", "Soft food"),
                    ("low_sugar", "低糖餐", "Low sugar"),
                    ("low_salt", "低盐餐", "Low salt"),
                    ("halal", "清真餐", "Halal"),
                ])


def meal_times(order=2):
    return attr("meals", "multivaluelist", True, order,
                "需要哪几餐？", "Which meals?", [
                    ("lunch", "午餐", "Lunch"),
                    ("dinner", "晚餐", "Dinner"),
                ])


def weekdays(order=3, required=False):
    return attr("days", "multivaluelist", required, order,
                "希望哪几天？", "On which days?", [
                    ("mo", "周一", "Monday"),
                    ("tu", "周二", "Tuesday"),
                    ("we", "周三", "Wednesday"),
                    ("th", "周四", "Thursday"),
                    ("fr", "周五", "Friday"),
                    ("sa", "周六", "Saturday"),
                    ("su", "周日", "Sunday"),
                ])


def contact_way(order=2):
    return attr("contact_way", "singlevaluelist", True, order,
                "怎么联系您最方便？", "How should we contact you?", [
                    ("phone", "打电话", "Phone call"),
                    ("sms", "发短信", "Text message"),
                    ("visit", "上门", "Home visit"),
                ])


def topic(choices, order=1, required=True):
    """A single choice of topic from (key, zh, en) triples."""
    return attr("topic", "singlevaluelist", required, order,
                "您想咨询哪方面？", "What would you like to ask about?", choices)
