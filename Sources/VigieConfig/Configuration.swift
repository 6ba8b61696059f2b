import Foundation

/// The effective value of every ``Setting``: flags over the environment, over a secret's
/// `KEY_FILE`, over the default. Built once per command from the process environment
/// and the flags it was given; nothing else in Vigie reads the environment.
public struct Configuration: Sendable {
    /// Where a value came from, as `vigie config` tells it.
    public enum Origin: String, Sendable {
        case flag, environment, file, `default`, unset
    }

    /// One setting's effective value.
    public struct Entry: Sendable {
        public let setting: Setting
        public let value: String?
        public let origin: Origin

        /// The value as it may be printed: secrets masked (a URL keeps all but its password).
        public var displayValue: String {
            guard let value else { return "" }
            guard setting.isSecret else { return value }
            return setting.check == .postgresURL ? Configuration.maskingPassword(in: value) : Configuration.mask
        }
    }

    public static let mask = "********"

    let environment: [String: String]
    let flags: [Setting: String]
    let readFile: @Sendable (String) throws -> String

    /// - Parameters:
    ///   - environment: the process environment (by default, this process's).
    ///   - flags: values given on the command line; nil and empty values count as not given.
    ///   - readFile: reads the file a secret's `KEY_FILE` names.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        flags: [Setting: String?] = [:],
        readFile: @escaping @Sendable (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }
    ) {
        self.environment = environment
        self.flags = flags.compactMapValues { $0.flatMap { $0.isEmpty ? nil : $0 } }
        self.readFile = readFile
    }

    /// The effective value of `setting` and its origin, checked.
    public func entry(_ setting: Setting) throws(ConfigurationError) -> Entry {
        let entry = try unchecked(setting)
        if let value = entry.value, entry.origin != .default, let problem = setting.check.problem(with: value) {
            throw ConfigurationError(key: entry.origin == .flag ? "--\(setting.flag ?? setting.key)" : setting.key, problem)
        }
        return entry
    }

    /// The effective value of `setting`, checked; nil when unset and without a default.
    public func value(_ setting: Setting) throws(ConfigurationError) -> String? {
        try entry(setting).value
    }

    /// The effective value of a setting checked as a port.
    public func port(_ setting: Setting) throws(ConfigurationError) -> Int? {
        try integer(setting)
    }

    /// The effective value of a setting checked as a whole number (a count, or seconds).
    public func integer(_ setting: Setting) throws(ConfigurationError) -> Int? {
        try value(setting).flatMap { Int($0) }
    }

    /// Every setting, checked; throws the first problem found.
    public func entries() throws(ConfigurationError) -> [Entry] {
        try Settings.all.map { setting throws(ConfigurationError) in try entry(setting) }
    }

    /// The values given by the environment (or a secret's file) under their variable's
    /// name, without defaults or flags: what libpq-style resolution reads.
    public func environmentValues() throws(ConfigurationError) -> [String: String] {
        var values: [String: String] = [:]
        for setting in Settings.all {
            let entry = try self.entry(setting)
            if entry.origin == .environment || entry.origin == .file, let value = entry.value {
                values[setting.key] = value
            }
        }
        return values
    }

    /// A variable of the system rather than of Vigie (`HOME`, `USER`, `PATH`), read
    /// from the same environment.
    public func system(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The configuration as `KEY=value` lines with secrets masked, each followed by where
    /// the value came from; `vigie config` prints it.
    public func dump() throws(ConfigurationError) -> String {
        let entries = try entries()
        let width = entries.map { $0.setting.key.count + 1 + $0.displayValue.count }.max() ?? 0
        return entries.map { entry in
            let line = "\(entry.setting.key)=\(entry.displayValue)"
            let origin: String
            switch entry.origin {
            case .flag: origin = "--\(entry.setting.flag ?? "")"
            case .file: origin = "from \(entry.setting.fileKey ?? "")"
            case .unset: origin = "unset" + (entry.setting.defaultDescription.map { ": \($0)" } ?? "")
            case .environment, .default: origin = entry.origin.rawValue
            }
            return line.padding(toLength: max(width, line.count) + 2, withPad: " ", startingAt: 0) + "# " + origin
        }.joined(separator: "\n")
    }

    private func unchecked(_ setting: Setting) throws(ConfigurationError) -> Entry {
        if let value = flags[setting] { return Entry(setting: setting, value: value, origin: .flag) }
        if let value = environment[setting.key], !value.isEmpty {
            return Entry(setting: setting, value: value, origin: .environment)
        }
        if let fileKey = setting.fileKey, let path = environment[fileKey], !path.isEmpty {
            let text: String
            do {
                text = try readFile(path)
            } catch {
                throw ConfigurationError(key: fileKey, "cannot read '\(path)'")
            }
            let value = text.trimmingCharacters(in: .newlines)
            guard !value.isEmpty else { throw ConfigurationError(key: fileKey, "'\(path)' is empty") }
            return Entry(setting: setting, value: value, origin: .file)
        }
        if let value = setting.defaultValue { return Entry(setting: setting, value: value, origin: .default) }
        return Entry(setting: setting, value: nil, origin: .unset)
    }

    /// `postgres://user:secret@host/db` as `postgres://user:********@host/db`.
    static func maskingPassword(in url: String) -> String {
        guard let schemeEnd = url.range(of: "://"),
            let at = url[schemeEnd.upperBound...].lastIndex(of: "@"),
            let colon = url[schemeEnd.upperBound..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + mask + String(url[at...])
    }
}

/// A setting whose value is refused: names the variable or flag and says why.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let key: String
    public let reason: String

    public init(key: String, _ reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "\(key): \(reason)" }
}
