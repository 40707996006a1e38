/// The meetings list with the form that opens a meeting (`meetings/index`).
struct MeetingListContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let heading: String
    let waiting: String
    let rows: [Link]
    let newHeading: String
    let action: String
    let dateLabel: String
    let today: String
    let placeLabel: String
    let attendeesLabel: String
    let members: [Choice]
    let submit: String
    let error: String
    let hasError: Bool
}
