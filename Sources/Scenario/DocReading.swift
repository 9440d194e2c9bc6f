/// The scenario reader for other file formats built on it (simulation files): same YAML/JSON
/// bounds, same line numbers, same `FieldError`s.
extension Doc {
    public static let maxFileSize = maxFileBytes

    public static func read(text: String, isJSON: Bool) throws -> Doc { try parse(text: text, isJSON: isJSON) }
}
