extension KeyedDecodingContainer {
    /// Decodes one of an enumeration's values from its name, refusing an unknown name with
    /// the accepted ones listed (`'tweet' is not one of post, comment, pingback`) rather than
    /// the decoder's `Cannot initialize PostKind from invalid String value tweet`.
    public func decodeChoiceIfPresent<T: RawRepresentable & CaseIterable>(
        _ type: T.Type, forKey key: Key
    ) throws -> T? where T.RawValue == String {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = T(rawValue: name) else {
            let accepted = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "'\(name)' is not one of \(accepted)")
        }
        return value
    }
}
