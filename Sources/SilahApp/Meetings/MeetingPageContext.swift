/// The meeting page (`meetings/show`): the layout's parts and the page model.
struct MeetingPageContext: Encodable {
    let page: PageContext
    let workspace: WorkspaceContext
    let meeting: MeetingPage
    /// What was just recorded (`?done=…&item=…`), said on the item it was recorded on (where the
    /// page opens); empty otherwise.
    let done: String
    let doneItem: String
}
