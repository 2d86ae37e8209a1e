export const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Daniel', 'Sofia', 'Michael', 'Emily', 'David', 'Olivia', 'Robert', 'Mei', 'Carlos', 'Hannah',
  'William', 'Priya', 'Joseph', 'Grace', 'Thomas', 'Ana', 'Christopher', 'Fatima', 'Matthew', 'Chloe', 'Anthony', 'Yuki',
  'Andrew', 'Isabella', 'Joshua', 'Lucia', 'Kevin', 'Amara', 'Brian', 'Natalie', 'Jason', 'Leila', 'Ryan', 'Camila', 'Eric',
  'Zoe', 'Jonathan', 'Nadia', 'Samuel', 'Rachel', 'Benjamin', 'Elena', 'Marcus', 'Jasmine', 'Tyler', 'Ingrid', 'Aaron',
  'Keisha', 'Luis', 'Sarah', 'Minh', 'Rebecca', 'Omar', 'Laura', 'Hiroshi', 'Megan', 'Diego', 'Claire', 'Ethan', 'Tanya',
  'Nathan', 'Gabriela', 'Patrick', 'Alicia', 'Sean', 'Julia', 'Jamal', 'Katherine', 'Victor', 'Noor', 'Adam', 'Rosa',
];

export const LAST_NAMES = [
  'Garcia', 'Smith', 'Johnson', 'Nguyen', 'Williams', 'Brown', 'Martinez', 'Jones', 'Lee', 'Davis', 'Rodriguez', 'Miller',
  'Hernandez', 'Wilson', 'Lopez', 'Anderson', 'Kim', 'Thomas', 'Gonzalez', 'Taylor', 'Patel', 'Moore', 'Chen', 'Jackson',
  'Perez', 'Martin', 'Wang', 'Thompson', 'Sanchez', 'White', 'Ramirez', 'Harris', 'Tran', 'Clark', 'Torres', 'Lewis', 'Khan',
  'Robinson', 'Rivera', 'Walker', 'Flores', 'Young', 'Cohen', 'Allen', 'Gomez', 'King', 'Diaz', 'Wright', 'Cruz', 'Scott',
  'Reyes', 'Green', 'Morales', 'Baker', 'Okafor', 'Adams', 'Ortiz', 'Nelson', 'Schmidt', 'Hill', 'Murphy', 'Campbell',
  "O'Brien", 'Mitchell', 'Ali', 'Roberts', 'Yamamoto', 'Carter', 'Novak', 'Phillips', 'Evans', 'Turner', 'Silva', 'Parker',
];

export const PRACTICE_WORDS = ['Bodywork', 'Neuromuscular Therapy', 'Massage Studio', 'Pain Relief Clinic', 'Therapeutic Massage', 'Wellness'];

export const BIO_OPENERS = [
  'I help people get out of pain and back to the things they love.',
  'Neuromuscular therapy is my focus: finding the real source of your pain, not just where it hurts.',
  'After years in sports medicine, I now work with clients of every age and activity level.',
  'My sessions combine careful assessment with hands-on treatment and simple home care.',
  'I specialise in chronic pain that has not responded to other treatment.',
];

export const BIO_CLOSERS = [
  'Every first visit starts with a posture and movement assessment.',
  'I work closely with physicians, chiropractors and physical therapists.',
  'Expect firm but communicative pressure; you are always in control.',
  'Evening and weekend appointments are available.',
  'Clients leave with a short self-care routine to keep progress going.',
];
