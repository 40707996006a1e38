/// The minutes page (`meetings/minutes`): the layout's part and the minutes.
struct MinutesContext: Encodable {
    let page: PageContext
    let minutes: MinutesPage
}
