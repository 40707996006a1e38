import Vapor

struct WorkflowSettingsContext: Encodable {
    struct HolidayRow: Encodable {
        let name: String
        let when: String
        let deleteHref: String
    }

    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let error: String
    let hasError: Bool
    let channelHeading: String
    let channelAction: String
    let channels: [Choice]
    let save: String
    let windowNote: String
    let holidaysHeading: String
    let holidays: [HolidayRow]
    let upcomingHeading: String
    let upcoming: [String]
    let addHeading: String
    let holidayAction: String
    let labels: [String: String]
    let typesHeading: String
    let types: [Fact]
    let typeAction: String
    let typeHeading: String
    let typeLabels: [String: String]
    let informationChoices: [Choice]
    let documentChoices: [Choice]
}
