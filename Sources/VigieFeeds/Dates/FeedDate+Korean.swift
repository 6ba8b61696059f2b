import Foundation

/// Dates as Korean blog platforms print them, which feedparser reads too, in Korean time
/// (UTC+9): `2004년 05월 28일 01:31:15` (OnBlog) and `2004-05-25 오후 11:23:17` (Nate, with
/// 오전 for the morning and 오후 for the afternoon).
extension FeedDate {
    static func korean(_ text: String) -> Date? {
        let onBlog = text.contains("년") && text.contains("월") && text.contains("일")
        let afternoon = text.contains("오후")
        guard onBlog || afternoon || text.contains("오전") else { return nil }
        let numbers = text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).compactMap { Int($0) }
        guard numbers.count == 6 else { return nil }
        var hour = numbers[3]
        if afternoon, hour < 12 { hour += 12 }
        if text.contains("오전"), hour == 12 { hour = 0 }
        return make(numbers[0], numbers[1], numbers[2], hour, numbers[4], numbers[5], 0, 9 * 60)
    }
}
